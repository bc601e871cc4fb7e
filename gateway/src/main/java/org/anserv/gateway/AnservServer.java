package org.anserv.gateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.anserv.runtime.ModuleRuntime;
import org.anserv.runtime.RuntimeSettings;
import org.anserv.runtime.deploy.MissingSql;
import org.anserv.runtime.store.EmbeddedMongo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole anserv node on one Vert.x instance: module databases (an embedded MongoDB unless {@code mongo.uri} is
 * set), the module runtime with every discovered module, and the HTTP gateway.
 */
public final class AnservServer {

  private static final Logger LOG = LoggerFactory.getLogger("anserv.server");

  private final ModuleRuntime runtime;
  private final EmbeddedMongo embeddedMongo;
  private final int port;

  private AnservServer(ModuleRuntime runtime, EmbeddedMongo embeddedMongo, int port) {
    this.runtime = runtime;
    this.embeddedMongo = embeddedMongo;
    this.port = port;
  }

  /** Starts everything {@code config} describes on {@code vertx}; metrics go to {@code meters}. */
  public static Future<AnservServer> start(Vertx vertx, JsonObject config, PrometheusMeterRegistry meters) {
    RuntimeSettings settings;
    GatewaySettings gateway;
    try {
      settings = RuntimeSettings.fromConfig(config);
      gateway = GatewaySettings.fromConfig(config);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    EmbeddedMongo mongo = settings.mongoConnectionString().isBlank() ? embeddedMongo(config) : null;
    if (mongo != null) {
      settings = settings.withMongo(mongo.connectionString());
      LOG.atInfo().addKeyValue("mongo", mongo.connectionString()).log("Embedded MongoDB listening on {}",
          mongo.connectionString());
    }
    RuntimeSettings runtimeSettings = settings;
    AtomicInteger port = new AtomicInteger();
    return ModuleRuntime.start(vertx, runtimeSettings, new MissingSql(), meters)
        .compose(runtime -> runtime.deployDiscovered(runtimeSettings.modulesDirectory())
            .compose(deployed -> deployGateway(vertx, gateway, meters, config, port))
            .map(v -> new AnservServer(runtime, mongo, port.get())))
        .onFailure(cause -> {
          if (mongo != null) {
            mongo.close();
          }
        });
  }

  private static Future<Void> deployGateway(Vertx vertx, GatewaySettings settings, PrometheusMeterRegistry meters,
      JsonObject config, AtomicInteger port) {
    int instances = config.getInteger("http.instances", Runtime.getRuntime().availableProcessors());
    GatewaySettings fixed = settings;
    if (settings.port() == 0) {
      // Instances share one port only when it is known: bind the first on any free port, the rest on that one.
      GatewayVerticle first = new GatewayVerticle(settings, meters);
      return vertx.deployVerticle(first).compose(id -> {
        port.set(first.actualPort());
        GatewaySettings same = new GatewaySettings(settings.host(), first.actualPort(), settings.maxBodyBytes(),
            settings.maxEventBytes(), settings.maxEventsPerRequest(), settings.callTimeoutMillis());
        return instances > 1 ? vertx.deployVerticle(() -> new GatewayVerticle(same, meters),
            new DeploymentOptions().setInstances(instances - 1)).mapEmpty() : Future.succeededFuture();
      });
    }
    port.set(fixed.port());
    return vertx.deployVerticle(() -> new GatewayVerticle(fixed, meters),
        new DeploymentOptions().setInstances(instances)).mapEmpty();
  }

  private static EmbeddedMongo embeddedMongo(JsonObject config) {
    if ("memory".equals(config.getString("mongo.embedded.storage", "disk"))) {
      return EmbeddedMongo.inMemory();
    }
    Path dir = Path.of(config.getString("data.dir", "data")).resolve("mongo");
    int port = Integer.parseInt(String.valueOf(config.getValue("mongo.embedded.port", "0")));
    return EmbeddedMongo.onDisk(dir, port);
  }

  /** The HTTP port the gateway listens on. */
  public int port() {
    return port;
  }

  /** The module runtime. */
  public ModuleRuntime runtime() {
    return runtime;
  }

  /** Stops the runtime's connections and the embedded MongoDB; close Vert.x after. */
  public Future<Void> close() {
    return runtime.close().onComplete(v -> {
      if (embeddedMongo != null) {
        embeddedMongo.close();
      }
    });
  }
}
