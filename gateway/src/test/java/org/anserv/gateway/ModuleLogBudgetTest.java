package org.anserv.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.anserv.api.Module;
import org.anserv.api.Param;
import org.anserv.api.Query;
import org.anserv.runtime.ModuleRuntime;
import org.anserv.runtime.RuntimeSettings;
import org.anserv.runtime.bus.Addresses;
import org.anserv.runtime.call.CallRequest;
import org.anserv.runtime.deploy.MissingSql;
import org.anserv.runtime.log.local.Durability;
import org.anserv.runtime.log.local.LocalEventLog;
import org.anserv.runtime.log.local.LocalLogOptions;
import org.anserv.runtime.store.EmbeddedMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A module logging without end is held to its lines per second (logback-test.xml: 50); other code is not. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ModuleLogBudgetTest {

  private Vertx vertx;
  private EmbeddedMongo mongo;
  private LocalEventLog log;
  private ModuleRuntime runtime;
  private final ListAppender<ILoggingEvent> chatter = new ListAppender<>();
  private final ListAppender<ILoggingEvent> reports = new ListAppender<>();
  private static final Pattern REPORT = Pattern.compile("Module 'chatty' logged more than 50 lines per second: (\\d+)"
      + " lines dropped since the last report\\.");

  @Module(name = "chatty")
  public static class Chatty {
    private static final org.slf4j.Logger OWN = LoggerFactory.getLogger("chatty");

    @Query
    public int chatter(@Param("lines") int lines) {
      for (int i = 0; i < lines; i++) {
        OWN.warn("line {}", i);
      }
      return lines;
    }
  }

  @BeforeEach
  void start(@TempDir Path logDir) throws Exception {
    vertx = Vertx.vertx();
    mongo = EmbeddedMongo.inMemory();
    log = LocalEventLog.open(LocalLogOptions.defaults(logDir).withDurability(Durability.PROCESS), vertx, null);
    runtime = ModuleRuntime.start(vertx, RuntimeSettings.defaults().withMongo(mongo.connectionString()), log,
        new MissingSql(), new SimpleMeterRegistry()).await(20, TimeUnit.SECONDS);
    runtime.deploy(Chatty.class).await(20, TimeUnit.SECONDS);
    attach("chatty", chatter);
    attach("anserv.module", reports);
  }

  @AfterEach
  void stop() throws Exception {
    ((Logger) LoggerFactory.getLogger("chatty")).detachAppender(chatter);
    ((Logger) LoggerFactory.getLogger("anserv.module")).detachAppender(reports);
    runtime.close().await(20, TimeUnit.SECONDS);
    log.close().await(20, TimeUnit.SECONDS);
    mongo.close();
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  @Test
  void aModuleLoggingWithoutEndIsHeldToItsBudgetAndToldHowManyLinesWereDropped() throws Exception {
    call(5_000);
    assertThat(chatter.list.size()).isBetween(50, 2_500);

    Thread.sleep(ModuleLogBudget.REPORT_EVERY_SECONDS * 1_000L + 100);
    call(1);
    long dropped = 0;
    for (ILoggingEvent report : reports.list) {
      Matcher matcher = REPORT.matcher(report.getFormattedMessage());
      assertThat(matcher.matches()).as(report.getFormattedMessage()).isTrue();
      dropped += Long.parseLong(matcher.group(1));
    }
    assertThat(reports.list).hasSizeBetween(1, 2);
    assertThat(chatter.list.size() + dropped).isEqualTo(5_001);
  }

  @Test
  void linesLoggedOutsideModuleCodeAreNotCounted() {
    org.slf4j.Logger logger = LoggerFactory.getLogger("chatty");
    for (int i = 0; i < 1_000; i++) {
      logger.warn("runtime line {}", i);
    }
    assertThat(chatter.list).hasSize(1_000);
  }

  private void call(int lines) throws Exception {
    vertx.eventBus().request(Addresses.moduleCall("chatty"), CallRequest.query("chatter",
        Map.of("lines", String.valueOf(lines))), new DeliveryOptions().setSendTimeout(20_000))
        .await(30, TimeUnit.SECONDS);
  }

  private static void attach(String name, ListAppender<ILoggingEvent> appender) {
    Logger logger = (Logger) LoggerFactory.getLogger(name);
    appender.setContext(logger.getLoggerContext());
    appender.start();
    logger.addAppender(appender);
  }
}
