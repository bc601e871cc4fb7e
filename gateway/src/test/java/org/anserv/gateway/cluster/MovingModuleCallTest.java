package org.anserv.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.anserv.gateway.AnservServer;
import org.anserv.gateway.MeteredVertx;
import org.anserv.modules.counts.Counts;
import org.anserv.runtime.log.kafka.BrokerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a cluster a module moving between nodes has no consumer for a moment; a query that arrives then is retried for
 * a few seconds instead of being answered 404 at once.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MovingModuleCallTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aQueryArrivingWhileItsModuleMovesIsAnsweredOnceTheModuleRunsAgain(@TempDir Path data) throws Exception {
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ClusterSettings settings = ClusterSettings.fromConfig(new JsonObject().put("cluster.enabled", true)
        .put("cluster.name", "moving-" + UUID.randomUUID()).put("cluster.port", BrokerProcess.freePortPair()));
    Vertx vertx = await(ClusteredVertx.join(settings, MeteredVertx.builder(meters), MeteredVertx.options(), false));
    try {
      // no module placed by the cluster: the test deploys counts itself, late, as a node taking it over would
      AnservServer server = await(AnservServer.start(vertx, new JsonObject().put("http.port", 0)
          .put("http.instances", 1).put("mongo.embedded.storage", "memory").put("mongo.embedded.port", 0)
          .put("data.dir", data.toString()).put("modules.discover", false).put("security.enabled", false), meters));
      CompletableFuture<HttpResponse<String>> pending = http.sendAsync(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.port() + "/queries/counts/total")).build(),
          HttpResponse.BodyHandlers.ofString());
      Thread.sleep(1_000);
      assertThat(pending).isNotDone();
      await(server.runtime().deploy(Counts.class));

      HttpResponse<String> answer = pending.get(30, TimeUnit.SECONDS);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      assertThat(answer.body()).isEqualTo("0");

      HttpResponse<String> nowhere = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.port() + "/queries/nowhere/total")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(nowhere.statusCode()).isEqualTo(404);
      assertThat(nowhere.body()).contains("it is not deployed");
      await(server.close());
    } finally {
      await(vertx.close());
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
