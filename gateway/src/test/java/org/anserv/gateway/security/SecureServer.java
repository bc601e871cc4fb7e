package org.anserv.gateway.security;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.anserv.gateway.AnservServer;

/**
 * A node with security on and a credentials file of known people: producers {@code lms} (secret, signing key) and
 * {@code vector}; users {@code ops} (staff), {@code prof} (instructor of {@link #C1}), students {@code ann} and
 * {@code bob}. Each user has a bearer token equal to their name + "-token" and a password equal to their name +
 * "-pw". Hashes use few rounds, to keep tests quick.
 */
final class SecureServer implements AutoCloseable {

  static final String C1 = "course-v1:Org+C1+2024";
  static final String C2 = "course-v1:Org+C2+2024";
  static final String LMS_SECRET = "lms-secret-0123456789";
  static final String VECTOR_SECRET = "vector-secret-0123456789";
  static final byte[] LMS_KEY = "lms-signing-key-0123456789abcdef".getBytes();

  final Vertx vertx;
  final AnservServer server;
  final WebClient client;
  final Path credentials;
  final PrometheusMeterRegistry meters;

  private SecureServer(Vertx vertx, AnservServer server, Path credentials, PrometheusMeterRegistry meters) {
    this.vertx = vertx;
    this.server = server;
    this.credentials = credentials;
    this.meters = meters;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(server.port()).setFollowRedirects(false));
  }

  static SecureServer start(Path dataDir, JsonObject extra) throws IOException {
    Path file = dataDir.resolve("credentials.json");
    Files.writeString(file, credentials(LMS_SECRET).encodePrettily());
    Vertx vertx = Vertx.vertx();
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JsonObject config = new JsonObject().put("http.port", 0).put("http.instances", 2)
        .put("mongo.embedded.storage", "memory").put("data.dir", dataDir.toString()).put("log.durability", "process")
        .put("modules.timeout.ms", 30_000).put("security.credentials.file", file.toString())
        .put("intake.max.body.bytes", 256 * 1024).put("intake.max.event.bytes", 16 * 1024).mergeIn(extra);
    return new SecureServer(vertx, await(AnservServer.start(vertx, config, meters)), file, meters);
  }

  static JsonObject credentials(String lmsSecret) {
    return new JsonObject()
        .put("producers", new JsonObject()
            .put("lms", new JsonObject().put("secrets", hashes(lmsSecret))
                .put("hmacKeys", new JsonArray().add(Base64.getEncoder().encodeToString(LMS_KEY))))
            .put("vector", new JsonObject().put("secrets", hashes(VECTOR_SECRET)).put("rate", 5)))
        .put("users", new JsonObject()
            .put("ops", user("staff", "ops"))
            .put("prof", user("instructor", "prof").put("courses", new JsonArray().add(C1)))
            .put("ann", user("student", "ann"))
            .put("bob", user("student", "bob")));
  }

  private static JsonObject user(String role, String name) {
    return new JsonObject().put("role", role).put("password", hash(name + "-pw"))
        .put("tokens", hashes(name + "-token"));
  }

  private static String hash(String secret) {
    return SecretHash.of(secret, 1_000).encoded();
  }

  private static JsonArray hashes(String secret) {
    return new JsonArray().add(hash(secret));
  }

  static <T> T await(Future<T> future) {
    try {
      return future.await(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("timed out", e);
    }
  }

  /** GET {@code path} as {@code user} (their bearer token), or anonymously when null. */
  HttpResponse<Buffer> get(String path, String user) {
    HttpRequest<Buffer> request = client.get(path);
    if (user != null) {
      request.putHeader("Authorization", "Bearer " + user + "-token");
    }
    return await(request.send());
  }

  /** POST {@code body} as NDJSON to {@code path} with {@code headers}. */
  HttpResponse<Buffer> post(String path, MultiMap headers, String body) {
    return await(client.post(path).putHeaders(headers).putHeader("Content-Type", "application/x-ndjson")
        .sendBuffer(Buffer.buffer(body)));
  }

  static MultiMap bearer(String secret) {
    return MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + secret);
  }

  private static final java.util.concurrent.atomic.AtomicLong SEQUENCE = new java.util.concurrent.atomic.AtomicLong();

  /** A distinct event (events with equal content are one event to the log). */
  static String event(String user, String course) {
    return new JsonObject().put("username", user).put("seq", SEQUENCE.incrementAndGet()).put("event_type", "problem_check").put("event_source", "server")
        .put("context", new JsonObject().put("course_id", course))
        .put("time", "2024-03-01T10:00:00.000000+00:00").encode();
  }

  double counter(String name, String tag, String value) {
    var counter = meters.find(name).tag(tag, value).counter();
    return counter == null ? 0 : counter.count();
  }

  @Override
  public void close() {
    await(server.close().eventually(vertx::close));
  }
}
