package org.anserv.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.anserv.gateway.AnservServer;
import org.anserv.runtime.log.kafka.BrokerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node whose event log is a Kafka topic: events posted over HTTP are counted, and a second node with nothing on
 * its own disk (a new machine joining) rebuilds the same figures from the topic alone.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class KafkaLogServerTest {

  private static final int USERS = 13;

  @TempDir
  static Path brokerDir;

  private static BrokerProcess broker;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startBroker() throws IOException {
    Path classpath = BrokerProcess.classpathFile().orElse(null);
    Assumptions.assumeTrue(classpath != null, "SKIPPED: kafka-broker/target/broker.classpath is missing; build the"
        + " kafka-broker module first (the full reactor build does)");
    broker = BrokerProcess.start(classpath, BrokerProcess.freePortPair(), brokerDir, Duration.ofSeconds(90));
  }

  @AfterAll
  static void stopBroker() throws InterruptedException {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aSecondNodeRebuildsTheFiguresOfTheFirstFromTheSharedTopic(@TempDir Path first, @TempDir Path second)
      throws Exception {
    Map<String, Long> truth = new HashMap<>();
    Vertx vertx = Vertx.vertx();
    Vertx joiner = Vertx.vertx();
    try {
      AnservServer node = await(AnservServer.start(vertx, config(first), meters()));
      for (int batch = 0; batch < 20; batch++) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 50; i++) {
          String user = "u" + Math.floorMod(batch * 50 + i * 7, USERS);
          truth.merge(user, 1L, Long::sum);
          body.append(new JsonObject().put("id", "k-" + batch + "-" + i).put("username", user)
              .put("event_type", "kafka_test").put("event_source", "server").encode()).append('\n');
        }
        HttpResponse<String> response = post(node.port(), body.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
      }
      // a retried batch is recognised by its ids: nothing is counted twice
      assertThat(post(node.port(), new JsonObject().put("id", "k-0-0").put("username", "u0")
          .put("event_type", "kafka_test").put("event_source", "server").encode()).statusCode()).isEqualTo(202);
      assertThat(awaitTotal(node.port(), 1000)).isEqualTo(1000);
      await(node.close());

      AnservServer joined = await(AnservServer.start(joiner, config(second), meters()));
      assertThat(awaitTotal(joined.port(), 1000)).isEqualTo(1000);
      for (Map.Entry<String, Long> user : truth.entrySet()) {
        assertThat(get(joined.port(), "/queries/counts/user?user=" + user.getKey()))
            .as(user.getKey()).isEqualTo(user.getValue().toString());
      }
      await(joined.close());
    } finally {
      await(vertx.close());
      await(joiner.close());
    }
  }

  private static JsonObject config(Path dataDir) {
    return new JsonObject().put("http.port", 0).put("http.instances", 1).put("mongo.embedded.storage", "memory")
        .put("mongo.embedded.port", 0).put("data.dir", dataDir.toString()).put("modules.dir", "")
        .put("log.engine", "kafka").put("log.kafka.bootstrap", broker.bootstrapServers())
        .put("log.kafka.topic", "server-test").put("log.kafka.replication", 1).put("log.kafka.min.insync", 1)
        .put("security.enabled", false);
  }

  private static PrometheusMeterRegistry meters() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  private long awaitTotal(int port, long expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    long total = -1;
    while (System.nanoTime() < deadline && total < expected) {
      total = Long.parseLong(get(port, "/queries/counts/total"));
      Thread.sleep(100);
    }
    Thread.sleep(300);
    return Long.parseLong(get(port, "/queries/counts/total"));
  }

  private HttpResponse<String> post(int port, String ndjson) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events"))
        .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(ndjson)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
  }
}
