package org.anserv.gateway;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
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
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
            .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))))
        .withMetrics(new MicrometerMetricsFactory(meters))
        .build();
    try {
      JsonObject config = Configuration.load(vertx, configFile).await(30, TimeUnit.SECONDS);
      DemoLoader demoWorld = demo ? DemoLoader.of(DemoSpec.defaults(), dataDir(config)) : null;
      AnservServer server = AnservServer.start(vertx, config, meters).await(120, TimeUnit.SECONDS);
      String url = "http://" + GatewaySettings.fromConfig(config).host() + ":" + server.port();
      LOG.atInfo().addKeyValue("url", url).log("anserv is up: {} (schema at {}/schema?format=html)", url, url);
      if (demoWorld != null) {
        demoWorld.streamEvents(URI.create(url + "/events"), System.err);
        LOG.atInfo().addKeyValue("url", url).log("Demo ready: open {}", url);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.close().eventually(vertx::close).await(20, TimeUnit.SECONDS);
        } catch (Exception e) {
          LOG.warn("Shutdown did not finish cleanly: {}", e.toString());
        }
      }, "anserv-shutdown"));
    } catch (Exception e) {
      LOG.error("anserv could not start: {}", e.getMessage(), e);
      vertx.close();
      System.exit(1);
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
