package org.anserv.gateway.dashboard;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.anserv.gateway.AnservServer;

/** A whole anserv node on a free port with an in-memory MongoDB, and an HTTP client for it. */
public final class RunningServer implements AutoCloseable {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final Vertx vertx;
  private final AnservServer server;
  private final WebClient client;

  private RunningServer(Vertx vertx, AnservServer server) {
    this.vertx = vertx;
    this.server = server;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(server.port()));
  }

  /** Starts a node keeping its event log under {@code dataDir}. */
  public static RunningServer start(Path dataDir) {
    Vertx vertx = Vertx.vertx();
    JsonObject config = new JsonObject().put("http.port", 0).put("http.instances", 1)
        .put("mongo.embedded.storage", "memory").put("data.dir", dataDir.toString()).put("log.durability", "process")
        .put("modules.timeout.ms", 5_000)
        .put("security.enabled", false)
        // The slow fixture's view runs until a test releases it: its own deadline must not end it first.
        .put("modules.slow.timeout.ms", 120_000);
    return new RunningServer(vertx, await(AnservServer.start(vertx, config,
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))));
  }

  /** The server's Vert.x instance. */
  public Vertx vertx() {
    return vertx;
  }

  /** The absolute address of {@code path} on this server. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  public HttpResponse<Buffer> get(String path) {
    return await(client.get(path).send());
  }

  /** {@code path} asked for as a browser does, accepting HTML first. */
  public HttpResponse<Buffer> getHtml(String path) {
    return await(client.get(path).putHeader("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").send());
  }

  /** Sends events in hard-realtime mode: they are handled when this returns. */
  public JsonObject feed(JsonArray events) {
    return await(client.post("/events?sync=true").putHeader("Content-Type", "application/json")
        .sendBuffer(events.toBuffer())).bodyAsJsonObject();
  }

  /** A distinct event: the log drops events whose content repeats one it already has. */
  public static JsonObject event(String user, String type) {
    return new JsonObject().put("username", user).put("event_type", type).put("event_source", "server")
        .put("time", "2024-03-01T10:00:00.000000+00:00")
        .put("event", new JsonObject().put("seq", SEQUENCE.incrementAndGet()));
  }

  @Override
  public void close() {
    await(server.close().eventually(vertx::close));
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("The server did not answer within 30 s", e);
    }
  }
}
