package org.anserv.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.anserv.runtime.ModuleRuntime;
import org.anserv.runtime.log.kafka.BrokerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes in three JVMs on loopback, clustered on Hazelcast, sharing a Kafka event log (a broker process) and
 * one MongoDB (hosted by the first node). Events are posted to every node while the third is killed with
 * {@code kill -9}, then it joins again: every module keeps running on exactly one node, and the figures equal what
 * was sent, each acknowledged event counted once.
 *
 * <p>Tagged {@code cluster} and left out of the default build (two to four minutes). Under load it once ended one batch
 * short: a batch stored in two parts with another node's batch between them made a realtime feed step over that one
 * (fixed in {@code LogFeed}; {@code ModuleRuntimeTest} reproduces it). Run it with
 * {@code ./mvnw -pl gateway verify -Danserv.excluded.groups= -Dtest=ClusterFailoverTest}.
 */
@Tag("cluster")
@Timeout(value = 420, unit = TimeUnit.SECONDS)
class ClusterFailoverTest {

  private static final int USERS = 11;
  private static final int BATCH = 20;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  private final List<ClusterNode> nodes = new ArrayList<>();
  private final Map<String, String> sent = new ConcurrentHashMap<>();
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> truth = new ConcurrentHashMap<>();
  private BrokerProcess broker;

  @AfterEach
  void stopAll() throws Exception {
    for (ClusterNode node : nodes) {
      node.stop();
      System.out.println("---- last lines of " + node.name() + " (all in " + node.log() + ")\n" + node.tail());
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void modulesMoveToSurvivorsAndFiguresStayExactWhenANodeIsKilledAndJoinsAgain() throws Exception {
    Path classpath = BrokerProcess.classpathFile().orElse(null);
    Assumptions.assumeTrue(classpath != null, "SKIPPED: kafka-broker/target/broker.classpath is missing; build the"
        + " kafka-broker module first (the full reactor build does)");
    broker = BrokerProcess.start(classpath, BrokerProcess.freePortPair(), dir.resolve("kafka"),
        Duration.ofSeconds(180));
    int mongoPort = freePort();
    int[] hazelcast = {freePort(), freePort(), freePort()};
    String members = "127.0.0.1:" + hazelcast[0] + ",127.0.0.1:" + hazelcast[1] + ",127.0.0.1:" + hazelcast[2];
    Map<String, String> common = Map.of("cluster.enabled", "true", "cluster.name", "test-" + UUID.randomUUID(),
        "cluster.members", members, "log.engine", "kafka", "log.kafka.bootstrap", broker.bootstrapServers(),
        "log.kafka.topic", "cluster-events", "log.kafka.replication", "1", "log.kafka.min.insync", "1",
        "security.enabled", "false");
    for (int i = 0; i < 3; i++) {
      Map<String, String> settings = new HashMap<>(common);
      settings.put("cluster.port", Integer.toString(hazelcast[i]));
      if (i == 0) {
        settings.put("mongo.embedded.port", Integer.toString(mongoPort));
        settings.put("mongo.embedded.storage", "memory");
      } else {
        settings.put("mongo.uri", "mongodb://127.0.0.1:" + mongoPort);
      }
      nodes.add(new ClusterNode("node" + (i + 1), freePort(), dir.resolve("node" + (i + 1)), settings));
    }
    long started = System.nanoTime();
    nodes.get(0).start().awaitUp(Duration.ofSeconds(180));
    nodes.get(1).start();
    nodes.get(2).start();
    nodes.get(1).awaitUp(Duration.ofSeconds(180));
    nodes.get(2).awaitUp(Duration.ofSeconds(180));
    System.out.printf("cluster test: broker and 3 nodes up in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    Set<String> modules = awaitEveryModuleOnOneNode(Duration.ofSeconds(60));
    assertThat(modules).contains("counts");
    assertThat(nodes.get(0).get("/metrics")).contains("anserv_cluster_members 3.0");
    List<String> onThird = localModules(nodes.get(2));
    assertThat(onThird).as("the third node runs its share").isNotEmpty();

    // stream to all three; kill the third mid-stream
    List<ClusterNode> alive = new CopyOnWriteArrayList<>(nodes);
    AtomicInteger acks = new AtomicInteger();
    long[] killedAt = new long[1];
    long[] failover = new long[2];
    Thread[] watcher = new Thread[1];
    stream(alive, 150, () -> {
      if (acks.incrementAndGet() == 50) {
        killedAt[0] = System.nanoTime();
        alive.remove(nodes.get(2));
        try {
          nodes.get(2).kill();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        // timed from the kill while the clients go on posting to the survivors
        watcher[0] = Thread.ofVirtual().start(() -> {
          try {
            failover[0] = awaitMetric(nodes.get(0), "anserv_cluster_members 2.0", killedAt[0]);
            failover[1] = awaitModulesAnnouncedBy(List.of(nodes.get(0), nodes.get(1)), modules,
                Duration.ofSeconds(60), killedAt[0]);
          } catch (Exception e) {
            failover[0] = failover[1] = -1;
          }
        });
      }
    });
    watcher[0].join(TimeUnit.SECONDS.toMillis(90));
    resendUnacknowledged(nodes.get(0));
    long droppedMillis = failover[0];
    long movedMillis = failover[1];
    assertThat(droppedMillis).as("node dropped after kill -9, ms").isBetween(0L, 10_000L);
    assertThat(movedMillis).as("its modules running elsewhere after kill -9, ms").isBetween(0L, 15_000L);
    assertFigures(List.of(nodes.get(0), nodes.get(1)));
    long figuresExactMillis = (System.nanoTime() - killedAt[0]) / 1_000_000;

    // the third node joins again: it takes back a share, handed over cleanly
    nodes.set(2, new ClusterNode("node3", nodes.get(2).port(), dir.resolve("node3-again"),
        settingsOf(common, hazelcast[2], mongoPort)));
    nodes.get(2).start().awaitUp(Duration.ofSeconds(180));
    long joinedAt = System.nanoTime();
    while (localModules(nodes.get(2)).isEmpty() && System.nanoTime() - joinedAt < TimeUnit.SECONDS.toNanos(60)) {
      Thread.sleep(200);
    }
    int handedBack = localModules(nodes.get(2)).size();
    long handedBackMillis = (System.nanoTime() - joinedAt) / 1_000_000;
    assertThat(handedBack).as("modules handed to the node that joined").isPositive();
    stream(new CopyOnWriteArrayList<>(nodes), 30, () -> { });
    // a client whose POST failed while modules moved retries it, as after the kill
    resendUnacknowledged(nodes.get(0));
    awaitEveryModuleOnOneNode(Duration.ofSeconds(60));
    assertFigures(nodes);
    long expected = truth.values().stream().mapToLong(Long::longValue).sum();
    long lost = expected - Long.parseLong(nodes.get(0).get("/queries/counts/total"));

    // a frozen node (SIGSTOP) is dropped within the heartbeat window (cluster.max.no.heartbeat.seconds = 5)
    long stoppedAt = System.nanoTime();
    new ProcessBuilder("kill", "-STOP", Long.toString(nodes.get(2).pid())).start().waitFor();
    long frozenDroppedMillis = awaitMetric(nodes.get(0), "anserv_cluster_members 2.0", stoppedAt);
    assertThat(frozenDroppedMillis).as("frozen node dropped, ms").isLessThan(15_000L);

    System.out.printf("cluster fail-over: 3 nodes, %d modules; kill -9 of node3 -> dropped from the cluster after"
        + " %d ms, its %d modules announced by survivors after %d ms, all figures checked exact %d ms after the kill"
        + " (streaming went on meanwhile); rejoin ->"
        + " %d modules handed back in %d ms; SIGSTOP of node3 -> dropped after %d ms; batches sent %d,"
        + " acknowledged %d, events %d, lost (sent but not counted) %d%n",
        modules.size(), droppedMillis, onThird.size(), movedMillis,
        figuresExactMillis, handedBack, handedBackMillis, frozenDroppedMillis,
        sent.size(), acknowledged.size(), expected, lost);
    assertThat(acknowledged).isEqualTo(sent.keySet());
  }

  private static Map<String, String> settingsOf(Map<String, String> common, int hazelcastPort, int mongoPort) {
    Map<String, String> settings = new HashMap<>(common);
    settings.put("cluster.port", Integer.toString(hazelcastPort));
    settings.put("mongo.uri", "mongodb://127.0.0.1:" + mongoPort);
    return settings;
  }

  // Clients post batches round-robin over the live nodes until {@code batches} are acknowledged.
  private void stream(List<ClusterNode> alive, int batches, Runnable onAck) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger acked = new AtomicInteger();
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < 3; c++) {
      clients.add(Thread.ofPlatform().start(() -> {
        while (acked.get() < batches) {
          int n = next.getAndIncrement();
          String key = UUID.randomUUID().toString();
          String body = batch(key);
          ClusterNode target = alive.get(Math.floorMod(n, alive.size()));
          if (target.post(body)) {
            acknowledged.add(key);
            acked.incrementAndGet();
            onAck.run();
          }
        }
      }));
    }
    for (Thread client : clients) {
      client.join(TimeUnit.SECONDS.toMillis(180));
    }
  }

  private String batch(String key) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < BATCH; i++) {
      String user = "u" + Math.floorMod((key + i).hashCode(), USERS);
      body.append(new JsonObject().put("id", key + "-" + i).put("username", user).put("event_type", "cluster_test")
          .put("event_source", "server").encode()).append('\n');
    }
    sent.put(key, body.toString());
    for (String line : body.toString().split("\n")) {
      truth.merge(new JsonObject(line).getString("username"), 1L, Long::sum);
    }
    return body.toString();
  }

  private void resendUnacknowledged(ClusterNode node) {
    for (Map.Entry<String, String> batch : sent.entrySet()) {
      if (!acknowledged.contains(batch.getKey())) {
        assertThat(node.post(batch.getValue())).as("resending " + batch.getKey()).isTrue();
        acknowledged.add(batch.getKey());
      }
    }
  }

  private void assertFigures(List<ClusterNode> readers) throws Exception {
    long expected = truth.values().stream().mapToLong(Long::longValue).sum();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    long total = -1;
    while (System.nanoTime() < deadline && total != expected) {
      try {
        total = Long.parseLong(readers.getFirst().get("/queries/counts/total"));
      } catch (NumberFormatException | IOException notAnswering) {
        total = -1;
      }
      Thread.sleep(250);
    }
    Thread.sleep(500);
    for (ClusterNode reader : readers) {
      assertThat(reader.get("/queries/counts/total")).as("total via " + reader.name())
          .isEqualTo(Long.toString(expected));
      for (Map.Entry<String, Long> user : truth.entrySet()) {
        assertThat(reader.get("/queries/counts/user?user=" + user.getKey()))
            .as(user.getKey() + " via " + reader.name()).isEqualTo(user.getValue().toString());
      }
    }
  }

  // Every module is placed (deployed, or failed to deploy), every node lists the same modules, none runs twice.
  private Set<String> awaitEveryModuleOnOneNode(Duration within) throws Exception {
    int candidates = ModuleRuntime.discover("").size();
    long deadline = System.nanoTime() + within.toNanos();
    String problem = "";
    while (System.nanoTime() < deadline) {
      Map<String, Integer> runners = new HashMap<>();
      Set<String> failed = new TreeSet<>();
      Set<String> listed = null;
      boolean same = true;
      for (ClusterNode node : nodes) {
        JsonObject schema = schema(node);
        localModules(node).forEach(name -> runners.merge(name, 1, Integer::sum));
        schema.getJsonArray("failed").forEach(f -> failed.add(((JsonObject) f).getString("name")));
        Set<String> names = listedModules(node);
        same &= listed == null || listed.equals(names);
        listed = names;
      }
      if (same && listed != null && runners.keySet().equals(listed) && runners.values().stream()
          .allMatch(count -> count == 1) && listed.size() + failed.size() == candidates) {
        return listed;
      }
      problem = "runners " + runners + ", listed " + listed;
      Thread.sleep(250);
    }
    throw new AssertionError("modules not placed exactly once within " + within + ": " + problem);
  }

  private long awaitModulesAnnouncedBy(List<ClusterNode> survivors, Set<String> modules, Duration within,
      long since) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      Set<String> running = new TreeSet<>();
      for (ClusterNode node : survivors) {
        running.addAll(localModules(node));
      }
      if (running.containsAll(modules)) {
        return (System.nanoTime() - since) / 1_000_000;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the killed node's modules were not taken over within " + within);
  }

  private static long awaitMetric(ClusterNode node, String line, long since) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (node.get("/metrics").contains(line)) {
        return (System.nanoTime() - since) / 1_000_000;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(node.name() + " never showed " + line);
  }

  private static List<String> localModules(ClusterNode node) throws Exception {
    List<String> names = new ArrayList<>();
    for (Object module : schema(node).getJsonArray("modules")) {
      JsonObject schema = (JsonObject) module;
      if (!schema.containsKey("node")) {
        names.add(schema.getString("name"));
      }
    }
    return names;
  }

  private static Set<String> listedModules(ClusterNode node) throws Exception {
    Set<String> names = new TreeSet<>();
    for (Object module : schema(node).getJsonArray("modules")) {
      names.add(((JsonObject) module).getString("name"));
    }
    return names;
  }

  private static JsonObject schema(ClusterNode node) throws Exception {
    try {
      return new JsonObject(node.get("/schema"));
    } catch (IOException | RuntimeException e) {
      return new JsonObject().put("modules", new JsonArray()).put("failed", new JsonArray());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
