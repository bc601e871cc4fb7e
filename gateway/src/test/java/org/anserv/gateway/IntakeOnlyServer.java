package org.anserv.gateway;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A node for intake tests: no module, security off, MongoDB in memory, the log without fsync; and a client to it.
 */
public final class IntakeOnlyServer implements AutoCloseable {

  private final Vertx vertx;
  private final AnservServer server;
  private final WebClient client;

  private IntakeOnlyServer(Vertx vertx, AnservServer server) {
    this.vertx = vertx;
    this.server = server;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultPort(server.port())
        .setDefaultHost("127.0.0.1"));
  }

  /** Starts one with its data under {@code dir}. */
  public static IntakeOnlyServer start(Path dir) throws Exception {
    Vertx vertx = Vertx.vertx();
    AnservServer server = AnservServer.start(vertx, new JsonObject().put("http.port", 0).put("http.instances", 1)
        .put("security.enabled", false).put("mongo.embedded.storage", "memory").put("data.dir", dir.toString())
        .put("log.durability", "process").put("modules.discover", false),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).await(60, TimeUnit.SECONDS);
    return new IntakeOnlyServer(vertx, server);
  }

  /** A client whose requests go to this node. */
  public WebClient client() {
    return client;
  }

  /** The node's Vert.x. */
  public Vertx vertx() {
    return vertx;
  }

  /** The node. */
  public AnservServer server() {
    return server;
  }

  @Override
  public void close() throws Exception {
    server.close().eventually(vertx::close).await(30, TimeUnit.SECONDS);
  }
}
