package org.anserv.gateway;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.concurrent.TimeUnit;
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
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> configFile = i + 1 < args.length ? args[++i] : usage("--config needs a file name");
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
      AnservServer server = AnservServer.start(vertx, config, meters).await(120, TimeUnit.SECONDS);
      String url = "http://" + GatewaySettings.fromConfig(config).host() + ":" + server.port();
      LOG.atInfo().addKeyValue("url", url).log("anserv is up: {} (schema at {}/schema?format=html)", url, url);
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

  private static String usage(String error) {
    if (error != null) {
      System.err.println(error);
    }
    System.err.println("Usage: java -jar anserv.jar [--config FILE]");
    if (error != null) {
      System.exit(2);
    }
    return null;
  }
}
