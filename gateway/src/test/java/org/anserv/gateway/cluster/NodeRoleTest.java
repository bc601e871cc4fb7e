package org.anserv.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.anserv.gateway.AnservServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code node.role} and {@code node.modules} let a node run and serve. */
class NodeRoleTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aGatewayNodeRunsNoModuleAndIsLeftOutOfTheFairShare() {
    NodeScope gateway = NodeScope.fromConfig(new JsonObject().put("node.role", "gateway"), Set.of());
    assertThat(gateway.runs("counts")).isFalse();
    assertThat(gateway.limited()).isTrue();
  }

  @Test
  void aNodeLimitedToSomeModulesRunsThoseUnlessTheyRunInProcessesOfTheirOwn() {
    NodeScope scope = NodeScope.fromConfig(new JsonObject().put("node.modules", "counts, video"), Set.of("video"));
    assertThat(scope.runs("counts")).isTrue();
    assertThat(scope.runs("video")).isFalse();
    assertThat(scope.runs("activity")).isFalse();
    assertThat(scope.limited()).isTrue();
    NodeScope all = NodeScope.fromConfig(new JsonObject(), Set.of("video"));
    assertThat(all.runs("activity")).isTrue();
    assertThat(all.runs("video")).isFalse();
    assertThat(all.limited()).isFalse();
  }

  @Test
  void anUnknownRoleIsRefusedWithTheChoices() {
    assertThatThrownBy(() -> NodeScope.fromConfig(new JsonObject().put("node.role", "worker"), Set.of()))
        .hasMessageContaining("node.role must be all (events, calls and modules), gateway (events and calls only)"
            + " or modules (modules only), not \"worker\"");
  }

  @Test
  void aGatewayNodeOutsideAClusterRefusesToStart(@TempDir Path data) {
    Vertx vertx = Vertx.vertx();
    try {
      assertThatThrownBy(() -> await(AnservServer.start(vertx, config(data).put("node.role", "gateway"),
          new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("node.role=gateway and node.modules leave modules to other nodes, which only a"
              + " clustered node has");
    } finally {
      vertx.close();
    }
  }

  @Test
  void aModulesNodeServesHealthReadinessAndMetricsAndSendsEverythingElseToAGateway(@TempDir Path data)
      throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      AnservServer server = await(AnservServer.start(vertx, config(data).put("node.role", "modules"),
          new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
      assertThat(get(server.port(), "/health").statusCode()).isEqualTo(200);
      assertThat(get(server.port(), "/metrics").body()).contains("anserv_module_");
      HttpResponse<String> events = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
          + "/events")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(events.statusCode()).isEqualTo(421);
      assertThat(new JsonObject(events.body()).getString("message")).startsWith("This node runs modules only");
      assertThat(get(server.port(), "/queries/counts/total").statusCode()).isEqualTo(421);
      await(server.close());
    } finally {
      vertx.close();
    }
  }

  private static JsonObject config(Path data) {
    return new JsonObject().put("http.port", 0).put("http.instances", 1).put("mongo.embedded.storage", "memory")
        .put("mongo.embedded.port", 0).put("data.dir", data.toString()).put("modules.dir", "")
        .put("security.enabled", false);
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
