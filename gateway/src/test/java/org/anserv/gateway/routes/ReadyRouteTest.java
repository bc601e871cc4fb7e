package org.anserv.gateway.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.anserv.gateway.dashboard.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code /ready} for load balancers, next to {@code /health}, which only says the process answers. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReadyRouteTest {

  @Test
  void isUpWithEveryCheckWhenTheLogDatabasesAndModulesAnswer(@TempDir Path dataDir) {
    try (RunningServer server = RunningServer.start(dataDir)) {
      HttpResponse<Buffer> response = server.get("/ready");

      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
      JsonObject body = response.bodyAsJsonObject();
      assertThat(body.getString("status")).isEqualTo("UP");
      assertThat(body.getJsonArray("checks").stream().map(c -> ((JsonObject) c).getString("id")))
          .containsExactlyInAnyOrder("event-log", "module-databases", "modules");
      JsonObject modules = check(body, "modules").getJsonObject("data");
      assertThat(modules.getJsonArray("running").getList()).contains("counts", "failing");
      assertThat(modules.getJsonArray("failed").getList()).contains("broken");
      assertThat(server.get("/health").bodyAsJsonObject().getString("status")).isEqualTo("UP");
    }
  }

  @Test
  void isUnavailableNamingTheEventLogWhenItsDirectoryIsGone(@TempDir Path dataDir) throws Exception {
    try (RunningServer server = RunningServer.start(dataDir)) {
      deleteRecursively(dataDir.resolve("log"));

      HttpResponse<Buffer> response = server.get("/ready");

      assertThat(response.statusCode()).isEqualTo(503);
      JsonObject body = response.bodyAsJsonObject();
      assertThat(body.getInteger("status")).isEqualTo(503);
      assertThat(body.getString("message")).startsWith("Not ready: event-log: The event log directory ")
          .contains("is missing or not writable").doesNotContain("module-databases");
      assertThat(check(body, "module-databases").getString("status")).isEqualTo("UP");
      assertThat(server.get("/health").statusCode()).as("the process itself is alive").isEqualTo(200);
    }
  }

  private static JsonObject check(JsonObject body, String id) {
    return body.getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(c -> id.equals(c.getString("id"))).findFirst().orElseThrow();
  }

  private static void deleteRecursively(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
