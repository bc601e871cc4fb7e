package org.anserv.gateway;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.anserv.demo.DemoSpec;
import org.anserv.gateway.demo.DemoLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts an anserv node: {@code java -jar anserv.jar [--config FILE]}. Settings come from the file (default
 * {@code conf/anserv.json}), {@code ANSERV_*} environment variables and {@code -Danserv.*} properties.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger("anserv.server");

  private Main() {
  }

  public static void main(String[] args) throws Exception {
    String configFile = null;
    boolean demo = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> configFile = i + 1 < args.length ? args[++i] : usage("--config needs a file name");
        case "--demo" -> demo = true;
        case "--help", "-h" -> {
          usage(null);
          return;
        }
        default -> usage("Unknown argument: " + args[i]);
      }
    }
    checkLogFormat();
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = MeteredVertx.create(meters);
    SqlReplica replica = null;
    try {
      JsonObject config = Configuration.load(vertx, configFile).await(30, TimeUnit.SECONDS);
      DemoLoader demoWorld = demo ? DemoLoader.of(DemoSpec.defaults(), dataDir(config)) : null;
      replica = SqlReplica.open(vertx, config, dataDir(config), demoWorld);
      AnservServer server = AnservServer.start(vertx, config, meters, replica.sql()).await(120, TimeUnit.SECONDS);
      onShutdown(server, replica, vertx);
      String url = "http://" + GatewaySettings.fromConfig(config).host() + ":" + server.port();
      LOG.atInfo().addKeyValue("url", url).log("anserv is up: {} (schema at {}/schema?format=html)", url, url);
      if (demoWorld != null) {
        demoWorld.streamEvents(URI.create(url + "/events"), System.err);
        LOG.atInfo().addKeyValue("url", url).log("Demo ready: open {}", url);
      }
    } catch (Exception e) {
      LOG.error("anserv could not start: {}", e.getMessage(), e);
      if (replica != null) {
        replica.close();
      }
      vertx.close();
      System.exit(1);
    }
  }

  // Stop in dependency order: modules and the log, then the SQL pool, then Vert.x, then the embedded servers.
  private static void onShutdown(AnservServer server, SqlReplica replica, Vertx vertx) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close().await(20, TimeUnit.SECONDS);
        replica.close();
        vertx.close().await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("Shutdown did not finish cleanly: {}", e.toString());
      }
    }, "anserv-shutdown"));
  }

  // logback.xml picks its appender by this name; an unknown one would silently log nothing at all.
  private static void checkLogFormat() {
    String format = System.getProperty("anserv.log.format", System.getenv().getOrDefault("ANSERV_LOG_FORMAT", "text"));
    if (!format.equals("text") && !format.equals("json")) {
      System.err.println("The log format must be text or json, not '" + format + "' (ANSERV_LOG_FORMAT or"
          + " -Danserv.log.format).");
      System.exit(2);
    }
  }

  private static Path dataDir(JsonObject config) {
    return Path.of(config.getString("data.dir", "data"));
  }

  private static String usage(String error) {
    if (error != null) {
      System.err.println(error);
    }
    System.err.println("Usage: java -jar anserv.jar [--demo] [--config FILE]");
    System.err.println("  --demo  load a generated demo course world (events through HTTP intake) on first start");
    if (error != null) {
      System.exit(2);
    }
    return null;
  }
}
