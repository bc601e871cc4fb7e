package org.anserv.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.anserv.api.Event;
import org.anserv.api.Origin;
import org.anserv.gateway.MeteredVertx;
import org.anserv.gateway.fixtures.StudentCounts;
import org.anserv.runtime.ModuleRuntime;
import org.anserv.runtime.RuntimeSettings;
import org.anserv.runtime.bus.Addresses;
import org.anserv.runtime.bus.EventBatch;
import org.anserv.runtime.call.CallRequest;
import org.anserv.runtime.deploy.MissingSql;
import org.anserv.runtime.deploy.ModuleDiscovery.Candidate;
import org.anserv.runtime.log.kafka.BrokerProcess;
import org.anserv.runtime.log.local.LocalEventLog;
import org.anserv.runtime.log.local.LocalLogOptions;
import org.anserv.runtime.route.EventIds;
import org.anserv.runtime.store.EmbeddedMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shards of a module split by student, placed on a two-node cluster in one JVM (two clustered Vert.x instances
 * sharing one MongoDB and one event log): the second node takes half the shards, no shard ever runs on both, calls
 * from either node reach the key's shard, and when a node leaves without handing its shards back the survivor
 * rebuilds them from the log with every figure exact.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ShardPlacementTest {

  private static final int SHARDS = 4;
  private static final long MOVE_BOUND_MS = 15_000;

  @TempDir
  Path dir;

  private final List<Node> nodes = new ArrayList<>();
  private final Map<String, Long> truth = new TreeMap<>();
  private EmbeddedMongo mongo;
  private String cluster;
  private int[] ports;
  private LocalEventLog log;
  private int sent;

  private record Node(Vertx vertx, ModuleRuntime runtime, ModulePlacement placement) {

    Set<String> running() {
      return new HashSet<>(placement.running());
    }
  }

  @AfterEach
  void stop() throws Exception {
    for (Node node : nodes) {
      node.placement().stop().await(30, TimeUnit.SECONDS);
      node.runtime().close().await(30, TimeUnit.SECONDS);
    }
    if (log != null) {
      log.close().await(30, TimeUnit.SECONDS); // before the Vert.x it was opened on
    }
    for (Node node : nodes) {
      node.vertx().close().await(30, TimeUnit.SECONDS);
    }
    if (mongo != null) {
      mongo.close();
    }
  }

  @Test
  void shardsSpreadOverTheNodesNeverRunTwiceAndMoveToTheSurvivorWithFiguresExact() throws Exception {
    Node first = firstNode();
    send(first, 300);
    awaitFigures(first);

    Node second = join(1, SHARDS);
    long joined = System.nanoTime();
    // while the shards move, sample both nodes: no shard may ever run on both
    while (!(first.running().size() == SHARDS / 2 && second.running().size() == SHARDS / 2)) {
      Set<String> both = first.running();
      both.retainAll(second.running());
      assertThat(both).as("shards running on both nodes at once").isEmpty();
      assertThat(System.nanoTime() - joined).as("the join rebalanced within the bound")
          .isLessThan(TimeUnit.MILLISECONDS.toNanos(MOVE_BOUND_MS));
      Thread.sleep(20);
    }
    System.out.printf("join: shards split %s / %s in %d ms%n", first.running(), second.running(),
        (System.nanoTime() - joined) / 1_000_000);
    Set<String> all = first.running();
    all.addAll(second.running());
    assertThat(all).hasSize(SHARDS).allMatch(name -> name.startsWith("student-counts#"));

    send(second, 300);
    awaitFigures(first);
    awaitFigures(second);

    // the second node leaves without handing its shards back (its records still say they run there)
    Set<String> orphaned = second.running();
    long left = System.nanoTime();
    second.runtime().close().await(30, TimeUnit.SECONDS);
    second.vertx().close().await(30, TimeUnit.SECONDS);
    nodes.remove(second);
    awaitThat(() -> first.running().size() == SHARDS, MOVE_BOUND_MS, "the survivor runs every shard again");
    System.out.printf("leave: %s owned again by the survivor in %d ms%n", orphaned,
        (System.nanoTime() - left) / 1_000_000);
    send(first, 100);
    awaitFigures(first);
  }

  @Test
  void aNodeSplittingModulesIntoAnotherNumberOfShardsIsRefused() throws Exception {
    Node first = firstNode();

    assertThatThrownBy(() -> join(1, SHARDS * 2)).hasMessageContaining("This node splits modules"
        + " into 8 shards (modules.shards) but the cluster's nodes use 4: set the same number on every node");
    assertThat(first.running()).hasSize(SHARDS);
  }

  // The first node of a fresh cluster, once it runs every shard.
  private Node firstNode() throws Exception {
    cluster = "shards-" + UUID.randomUUID();
    ports = new int[] {BrokerProcess.freePortPair(), BrokerProcess.freePortPair()};
    mongo = EmbeddedMongo.inMemory();
    Node first = join(0, SHARDS);
    awaitThat(() -> first.running().size() == SHARDS, 30_000, "the first node runs all shards");
    return first;
  }

  private Node join(int index, int shards) throws Exception {
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JsonObject config = new JsonObject().put("cluster.enabled", true).put("cluster.name", cluster)
        .put("cluster.port", ports[index]).put("cluster.members", "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1])
        .put("mongo.uri", mongo.connectionString()).put("mongo.prefix", "shards_").put("modules.shards", shards)
        .put("modules.timeout.ms", 10_000);
    Vertx vertx = await(ClusteredVertx.join(ClusterSettings.fromConfig(config), MeteredVertx.builder(meters),
        MeteredVertx.options(), false));
    if (log == null) {
      log = LocalEventLog.open(LocalLogOptions.defaults(dir.resolve("log")), vertx, meters);
    }
    ModuleRuntime runtime = await(ModuleRuntime.start(vertx, RuntimeSettings.fromConfig(config), log,
        new MissingSql(), meters));
    Candidate candidate = new Candidate(StudentCounts.class.getName(), StudentCounts.class.getClassLoader(), "test");
    ModulePlacement placement = ModulePlacement.inCluster(vertx, runtime, List.of(candidate), false, meters, false,
        4_000);
    Node node = new Node(vertx, runtime, placement);
    nodes.add(node);
    await(placement.start());
    return node;
  }

  private void send(Node through, int events) throws Exception {
    List<Event> batch = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      String user = "learner" + (sent % 37);
      truth.merge(user, 1L, Long::sum);
      JsonObject raw = new JsonObject().put("event_type", "play_video").put("username", user).put("n", sent++);
      batch.add(Event.of(EventIds.of(raw).toString(), raw, Origin.EXTERNAL));
    }
    JsonObject answer = await(through.vertx().eventBus().<JsonObject>request(Addresses.SUBMIT,
        new EventBatch(batch, false), Addresses.submitOptions(10_000))).body();
    assertThat(answer.getInteger("accepted")).isEqualTo(events);
  }

  // Every student's count from the shard that holds it, and the totals merged over all shards, as sent.
  private void awaitFigures(Node through) throws Exception {
    awaitThat(() -> totals(through).equals(new JsonObject().put("events", (long) sent)
        .put("students", (long) truth.size())), 30_000, "the merged totals reach what was sent");
    for (Map.Entry<String, Long> student : truth.entrySet()) {
      // a number crossing the clustered bus comes back as the smallest type that holds it
      assertThat(((Number) call(through, "events", Map.of("user", student.getKey()))).longValue())
          .as("events of %s", student.getKey()).isEqualTo(student.getValue());
    }
  }

  private JsonObject totals(Node through) {
    try {
      return (JsonObject) call(through, "totals", Map.of());
    } catch (Exception e) {
      return new JsonObject().put("failed", e.toString());
    }
  }

  private static Object call(Node through, String query, Map<String, String> params) throws Exception {
    return await(through.runtime().calls().request("student-counts", CallRequest.query(query, params),
        new DeliveryOptions().setSendTimeout(10_000))).getValue("result");
  }

  private static void awaitThat(BooleanSupplier condition, long millis, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within " + millis + " ms: " + what);
      }
      Thread.sleep(50);
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
