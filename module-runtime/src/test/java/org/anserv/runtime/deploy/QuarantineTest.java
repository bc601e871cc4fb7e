package org.anserv.runtime.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.anserv.api.Db;
import org.anserv.api.Event;
import org.anserv.api.EventHandler;
import org.anserv.api.Module;
import org.anserv.api.Origin;
import org.anserv.api.Query;
import org.anserv.runtime.ModuleRuntime;
import org.anserv.runtime.RuntimeSettings;
import org.anserv.runtime.bus.Addresses;
import org.anserv.runtime.bus.EventBatch;
import org.anserv.runtime.call.CallRequest;
import org.anserv.runtime.log.local.Durability;
import org.anserv.runtime.log.local.LocalEventLog;
import org.anserv.runtime.log.local.LocalLogOptions;
import org.anserv.runtime.route.EventIds;
import org.anserv.runtime.store.EmbeddedMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QuarantineTest {

  private Vertx vertx;
  private EmbeddedMongo mongo;
  private ModuleRuntime runtime;
  private LocalEventLog log;
  private final MeterRegistry meters = new SimpleMeterRegistry();

  @BeforeEach
  void start(Vertx vertx, @TempDir Path logDir) throws Exception {
    this.vertx = vertx;
    mongo = EmbeddedMongo.inMemory();
    log = LocalEventLog.open(LocalLogOptions.defaults(logDir).withDurability(Durability.PROCESS), vertx, null);
    JsonObject config = new JsonObject()
        .put("modules.timeout.ms", 5_000)
        .put("modules.sleeper.timeout.ms", 300).put("modules.sleeper.restart.backoff.ms", 200)
        .put("modules.spinner.timeout.ms", 300).put("modules.spinner.restart.backoff.ms", 200)
        .put("modules.flaky.failures.max", 3).put("modules.flaky.restart.backoff.ms", 1_000);
    RuntimeSettings settings = RuntimeSettings.fromConfig(config).withMongo(mongo.connectionString());
    runtime = await(ModuleRuntime.start(vertx, settings, log, new MissingSql(), meters));
  }

  @AfterEach
  void stop() {
    await(runtime.close());
    await(log.close());
    mongo.close();
  }

  @Module(name = "sleeper")
  public static class Sleeper {
    @Query
    public String sleep() throws InterruptedException {
      Thread.sleep(Long.MAX_VALUE);
      return "never";
    }

    @Query
    public String ping() {
      return "pong";
    }
  }

  @Module(name = "spinner")
  public static class Spinner {
    @Query
    public long spin() {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
      long turns = 0;
      while (System.nanoTime() < end) {
        turns++;
      }
      return turns;
    }

    @Query
    public String ping() {
      return "pong";
    }
  }

  @Module(name = "flaky")
  public static class Flaky {
    @EventHandler
    public Future<Void> count(Event event, Db db) {
      if (event.type().equals("bad")) {
        throw new IllegalStateException("cannot handle " + event.id());
      }
      return db.collection("seen").insert(new JsonObject().put("_id", event.id())).mapEmpty();
    }

    @Query
    public Future<Long> seen(Db db) {
      return db.collection("seen").count(new JsonObject());
    }
  }

  @Module(name = "healthy")
  public static class Healthy {
    @Query
    public String ping() {
      return "pong";
    }
  }

  @Test
  void aCallThatSleepsForeverTimesOutThenTheModuleIsQuarantinedAndRestarted() throws Exception {
    await(runtime.deploy(Sleeper.class));
    await(runtime.deploy(Healthy.class));

    long start = System.nanoTime();
    assertThatThrownBy(() -> query("sleeper", "sleep"))
        .isInstanceOfSatisfying(ReplyException.class, e -> {
          assertThat(e.failureCode()).isEqualTo(504);
          assertThat(e.getMessage()).isEqualTo("Module 'sleeper' did not finish Sleeper.sleep() within 300 ms"
              + " (setting modules.sleeper.timeout.ms or modules.timeout.ms); the call was failed.");
        });
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3_000);
    assertThat(query("healthy", "ping")).isEqualTo("pong");

    eventually(() -> assertThat(quarantined()).extracting(q -> q.getString("name")).containsExactly("sleeper"));
    assertThat(quarantined().getFirst().getString("reason"))
        .isEqualTo("Sleeper.sleep() is still running at twice its timeout of 300 ms: its thread is stuck");
    eventually(() -> assertThat(query("sleeper", "ping")).isEqualTo("pong"));
    assertThat(quarantined()).isEmpty();
    assertThat(meters.get("anserv.module.timeouts").tags("module", "sleeper", "method", "sleep").counter().count())
        .isEqualTo(1);
    assertThat(meters.get("anserv.module.restarts").tag("module", "sleeper").counter().count()).isEqualTo(1);
    assertThat(meters.get("anserv.module.quarantined").tag("module", "sleeper").gauge().value()).isZero();
  }

  @Test
  void aModulePastItsFailureBudgetIsQuarantinedAndGetsTheEventsItMissedAfterItsRestart() throws Exception {
    await(runtime.deploy(Flaky.class));
    for (int i = 0; i < 4; i++) {
      publish(event("bad", i));
    }
    eventually(() -> assertThat(quarantined()).extracting(q -> q.getString("name")).containsExactly("flaky"));
    assertThat(meters.get("anserv.module.quarantined").tag("module", "flaky").gauge().value()).isEqualTo(1);
    for (int i = 0; i < 30; i++) {
      publish(event("good", i));
    }
    assertThat(quarantined().getFirst().getString("reason")).startsWith("4 failures or timeouts within 60000 ms"
        + " (budget 3, setting modules.flaky.failures.max), the last in Flaky.count(Event, Db)");

    eventually(() -> assertThat(query("flaky", "seen")).isEqualTo(30L));
    assertThat(meters.get("anserv.module.restarts").tag("module", "flaky").counter().count()).isEqualTo(1);
    Thread.sleep(500);
    assertThat(query("flaky", "seen")).isEqualTo(30L);
  }

  @Test
  void undeployingAQuarantinedModuleCancelsItsRestart() throws Exception {
    await(runtime.deploy(Flaky.class));
    for (int i = 0; i < 4; i++) {
      publish(event("bad", i));
    }
    eventually(() -> assertThat(quarantined()).extracting(q -> q.getString("name")).containsExactly("flaky"));

    await(runtime.undeploy("flaky"));
    Thread.sleep(2_000);

    assertThat(quarantined()).isEmpty();
    assertThat(runtime.registry().instances()).doesNotContain("flaky");
    assertThat(meters.get("anserv.module.restarts").tag("module", "flaky").counter().count()).isZero();
  }

  @Test
  void aCpuLoopTimesOutAndTheModuleIsRestartedOnlyOnceTheLoopEnded() throws Exception {
    await(runtime.deploy(Spinner.class));
    await(runtime.deploy(Healthy.class));

    assertThatThrownBy(() -> query("spinner", "spin"))
        .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.failureCode()).isEqualTo(504));
    assertThat(query("healthy", "ping")).isEqualTo("pong");
    eventually(() -> assertThat(quarantined()).singleElement()
        .satisfies(q -> assertThat(q.getString("reason")).contains("still runs on the CPU")));
    assertThat(query("healthy", "ping")).isEqualTo("pong");
    eventually(() -> assertThat(query("spinner", "ping")).isEqualTo("pong"));
    assertThat(quarantined()).isEmpty();
  }

  private List<JsonObject> quarantined() {
    JsonArray all = runtime.registry().schema().getJsonArray("quarantined");
    return all.stream().map(JsonObject.class::cast).toList();
  }

  private static Event event(String type, int n) {
    JsonObject raw = new JsonObject().put("event_type", type).put("username", "ann").put("n", n);
    return Event.of(EventIds.of(raw).toString(), raw, Origin.EXTERNAL);
  }

  private void publish(Event event) {
    await(vertx.eventBus().request(Addresses.SUBMIT, new EventBatch(List.of(event), false)));
  }

  private Object query(String module, String name) {
    return await(vertx.eventBus().<JsonObject>request(Addresses.moduleCall(module), CallRequest.query(name, Map.of()),
        new DeliveryOptions().setSendTimeout(10_000))).body().getValue("result");
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("timed out", e);
    }
  }

  private static void eventually(ThrowingRunnable assertion) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError | ReplyException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
