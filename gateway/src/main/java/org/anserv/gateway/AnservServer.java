package org.anserv.gateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
    // Vert.x shares one random port among servers that ask for the same negative port.
    GatewaySettings shared = settings.port() == 0 ? settings.withPort(-1) : settings;
    List<GatewayVerticle> created = new CopyOnWriteArrayList<>();
    return vertx.deployVerticle(() -> {
      GatewayVerticle verticle = new GatewayVerticle(shared, meters);
      created.add(verticle);
      return verticle;
    }, new DeploymentOptions().setInstances(instances)).onSuccess(id -> port.set(created.getFirst().actualPort()))
        .mapEmpty();
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
