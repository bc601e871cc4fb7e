package org.anserv.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The ownership sampler of {@link ClusterFailoverTest} sees two owners when there are, and not on a hand-over. */
class OwnershipSamplerTest {

  private final ClusterNode a = new ClusterNode("a", 1, Path.of("a"), Map.of());
  private final ClusterNode b = new ClusterNode("b", 2, Path.of("b"), Map.of());
  private final Map<ClusterNode, Set<String>> holding = new ConcurrentHashMap<>();

  @Test
  void reportsAUnitHeldByTwoNodesAtOnce() throws Exception {
    holding.put(a, Set.of("counts"));
    holding.put(b, Set.of("counts", "video"));
    try (OwnershipSampler sampler = new OwnershipSampler(List.of(a, b), holding::get)) {
      sampler.awaitOwnedAfter(Set.of("counts", "video"), System.nanoTime(), Duration.ofSeconds(10));
      assertThat(sampler.doubleOwned()).isNotEmpty().allMatch(seen -> seen.equals("counts on a and b"));
    }
  }

  @Test
  void aHandOverIsNotTwoOwnersAndItsGapIsMeasured() throws Exception {
    holding.put(a, Set.of("counts"));
    holding.put(b, Set.of());
    try (OwnershipSampler sampler = new OwnershipSampler(List.of(a, b), holding::get)) {
      sampler.awaitOwnedAfter(Set.of("counts"), System.nanoTime(), Duration.ofSeconds(10));
      holding.put(a, Set.of());
      Thread.sleep(700);
      long movedAt = System.nanoTime();
      holding.put(b, Set.of("counts"));
      sampler.awaitOwnedAfter(Set.of("counts"), movedAt, Duration.ofSeconds(10));

      assertThat(sampler.doubleOwned()).isEmpty();
      assertThat(sampler.longestGapsMillis().get("counts")).isBetween(600L, 5_000L);
    }
  }

  @Test
  void aNodeHoldsTheModulesItListsWithoutANodeItsLocalShardsAndWhatItKeepsInQuarantine() {
    JsonObject schema = new JsonObject()
        .put("modules", new JsonArray()
            .add(new JsonObject().put("name", "counts"))
            .add(new JsonObject().put("name", "video").put("node", "other"))
            .add(new JsonObject().put("name", "student-counts").put("shards", new JsonObject().put("count", 4)
                .put("running", new JsonArray().add(0).add(1).add(3))
                .put("nodes", new JsonObject().put("0", "local").put("1", "other").put("3", "local")))))
        .put("failed", new JsonArray())
        .put("quarantined", new JsonArray().add(new JsonObject().put("name", "failing")));

    assertThat(OwnershipSampler.units(schema))
        .containsExactlyInAnyOrder("counts", "student-counts#0of4", "student-counts#3of4", "failing");
  }

  @Test
  void aNodeThatDoesNotAnswerOwnsNothing() throws Exception {
    holding.put(b, Set.of("counts"));
    try (OwnershipSampler sampler = new OwnershipSampler(List.of(a, b), node -> {
      if (node == a) {
        throw new IllegalStateException("a is frozen");
      }
      return holding.get(node);
    })) {
      sampler.awaitOwnedAfter(Set.of("counts"), System.nanoTime(), Duration.ofSeconds(10));
      assertThat(sampler.doubleOwned()).isEmpty();
    }
  }
}
