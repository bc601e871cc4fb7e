package org.anserv.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.anserv.gateway.AnservServer;
import org.anserv.gateway.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every real event of the shared data set (other projects' data, read in place, never copied) goes through the real
 * gateway: each line that is a JSON object is accepted and handled, each broken one is rejected with its line, and
 * nothing fails.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RealEventsIntakeTest {

  @Test
  void acceptsEveryRealEventAndRejectsOnlyTheBrokenLines(@TempDir Path dataDir) throws Exception {
    Path shared = sharedData();
    assumeTrue(shared != null, "../shared/data is absent: the real-event intake test is skipped");
    List<Path> files;
    try (Stream<Path> list = Stream.concat(Files.list(shared.resolve("edx-events")),
        Stream.of(shared.resolve("xapi/erb-input-events.ndjson")))) {
      files = list.filter(p -> p.toString().endsWith(".log") || p.toString().endsWith(".ndjson")).sorted().toList();
    }
    Vertx vertx = Vertx.vertx();
    AnservServer server = AnservServer.start(vertx, new JsonObject().put("http.port", 0).put("http.instances", 1)
        .put("mongo.embedded.storage", "memory").put("data.dir", dataDir.toString()).put("log.durability", "process")
        .put("security.enabled", false), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).await(60, TimeUnit.SECONDS);
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultPort(server.port())
        .setDefaultHost("127.0.0.1"));
    long total = 0;
    try {
      for (Path file : files) {
        String text = Files.readString(file);
        int[] expected = count(text);
        HttpResponse<Buffer> response = client.post("/events?sync=true")
            .putHeader("Content-Type", "application/x-ndjson").sendBuffer(Buffer.buffer(text))
            .await(60, TimeUnit.SECONDS);
        JsonObject body = response.bodyAsJsonObject();
        System.out.printf("%s: %d accepted, %d rejected%n", file.getFileName(), expected[0], expected[1]);
        assertThat(response.statusCode()).as(file.getFileName().toString()).isEqualTo(200);
        assertThat(body.getInteger("accepted")).as(file.getFileName() + " accepted").isEqualTo(expected[0]);
        assertThat(body.getJsonArray("rejected", new io.vertx.core.json.JsonArray()).size())
            .as(file.getFileName() + " rejected").isEqualTo(expected[1]);
        // The test classpath's fixture module "failing" throws on problem checks on purpose; no other may fail.
        assertThat(body.getJsonArray("handlers").stream().map(JsonObject.class::cast)
            .filter(h -> !h.getString("module").equals("failing")).mapToInt(h -> h.getInteger("failed")).sum())
            .as(file.getFileName() + " handler failures").isZero();
        total += expected[0];
      }
      assertThat(total).isGreaterThan(2_700);
    } finally {
      server.close().eventually(vertx::close).await(30, TimeUnit.SECONDS);
    }
  }

  // Independently of the gateway: objects and non-objects among the non-blank, non-comment lines.
  private static int[] count(String text) {
    int objects = 0;
    int broken = 0;
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int json = line.startsWith("{") ? 0 : line.indexOf(" - {") + 3;
      try {
        if (new JsonObject(line.substring(Math.max(0, json))) != null) {
          objects++;
        }
      } catch (DecodeException | ClassCastException e) {
        broken++;
      }
    }
    return new int[] {objects, broken};
  }

  private static Path sharedData() {
    return SharedData.find("edx-events").map(Path::getParent).orElse(null);
  }

}
