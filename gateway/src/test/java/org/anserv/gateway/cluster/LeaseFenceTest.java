package org.anserv.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.anserv.api.Collection;
import org.anserv.gateway.MeteredVertx;
import org.anserv.modules.counts.Counts;
import org.anserv.runtime.ModuleRuntime;
import org.anserv.runtime.RuntimeSettings;
import org.anserv.runtime.deploy.MissingSql;
import org.anserv.runtime.deploy.ModuleDiscovery;
import org.anserv.runtime.deploy.ModuleDiscovery.Candidate;
import org.anserv.runtime.log.EventLog;
import org.anserv.runtime.log.kafka.BrokerProcess;
import org.anserv.runtime.log.local.LocalEventLog;
import org.anserv.runtime.log.local.LocalLogOptions;
import org.anserv.runtime.store.EmbeddedMongo;
import org.anserv.runtime.store.FencedWriteException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write fence of a clustered node, on a one-node cluster whose clock the test moves on, as if the node had been
 * frozen past its lease: writes wait for the next confirmation of ownership, go through when the module is still
 * this node's, and fail when another node owns it now.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LeaseFenceTest {

  private static final long LEASE_MILLIS = 4_000;

  @TempDir
  Path dir;

  private final AtomicLong frozenFor = new AtomicLong();
  private Vertx vertx;
  private EmbeddedMongo mongo;
  private EventLog log;
  private ModuleRuntime runtime;
  private ModulePlacement placement;

  @BeforeEach
  void startOneNodeCluster() throws Exception {
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ClusterSettings settings = ClusterSettings.fromConfig(new JsonObject().put("cluster.enabled", true)
        .put("cluster.name", "lease-" + UUID.randomUUID()).put("cluster.port", BrokerProcess.freePortPair()));
    vertx = await(ClusteredVertx.join(settings, MeteredVertx.builder(meters), MeteredVertx.options(), false));
    mongo = EmbeddedMongo.inMemory();
    log = LocalEventLog.open(LocalLogOptions.defaults(dir.resolve("log")), vertx, meters);
    runtime = await(ModuleRuntime.start(vertx, new RuntimeSettings(mongo.connectionString(), "lease_", 5_000, 1_000,
        8, ""), log, new MissingSql(), meters));
    Candidate counts = ModuleDiscovery.onClasspath(getClass().getClassLoader()).stream()
        .filter(candidate -> candidate.className().equals(Counts.class.getName())).findFirst().orElseThrow();
    placement = new ModulePlacement(vertx, runtime, List.of(counts), PlacingMembers.fixed(1), false, false, LEASE_MILLIS,
        () -> System.nanoTime() + frozenFor.get());
    await(placement.start());
    awaitRunning(List.of("counts"));
  }

  @AfterEach
  void stop() throws Exception {
    await(placement.stop());
    await(runtime.close());
    log.close();
    await(vertx.close());
    mongo.close();
  }

  @Test
  void afterAFreezeWritesWaitForTheNextConfirmationAndGoThroughWhileTheModuleIsStillThisNodes() throws Exception {
    Collection probe = runtime.databases().own("counts").collection("probe");
    await(probe.insert(new JsonObject().put("_id", "before")));

    frozenFor.set(TimeUnit.SECONDS.toNanos(10));
    await(probe.insert(new JsonObject().put("_id", "after")));

    assertThat(await(probe.find(new JsonObject(), new JsonObject(), 10))).extracting(doc -> doc.getString("_id"))
        .containsExactlyInAnyOrder("before", "after");
    assertThat(placement.running()).containsExactly("counts");
  }

  @Test
  void afterAFreezeDuringWhichAnotherNodeTookTheModuleItsWritesFailAndItStopsHere() throws Exception {
    Collection probe = runtime.databases().own("counts").collection("probe");
    await(probe.insert(new JsonObject().put("_id", "before")));

    // what a node that claimed the module while this one was frozen leaves in the placement map
    await(vertx.sharedData().<String, JsonObject>getAsyncMap("anserv.placement").compose(map -> map.put(
        Counts.class.getName(), new JsonObject().put("node", "other").put("token", "other").put("clean", false))));
    frozenFor.set(TimeUnit.SECONDS.toNanos(10));

    Future<String> stale = probe.insert(new JsonObject().put("_id", "stale"));
    assertThat(catchFailure(stale)).isInstanceOf(FencedWriteException.class)
        .hasMessageContaining("module counts runs on another node now");
    awaitRunning(List.of());
    assertThat(await(probe.find(new JsonObject(), new JsonObject(), 10))).extracting(doc -> doc.getString("_id"))
        .containsExactly("before");
  }

  private void awaitRunning(List<String> expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!placement.running().equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(placement.running()).isEqualTo(expected);
  }

  private static Throwable catchFailure(Future<?> future) throws Exception {
    try {
      await(future);
      throw new AssertionError("the write went through");
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
