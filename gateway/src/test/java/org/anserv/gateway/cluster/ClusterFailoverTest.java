package org.anserv.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.anserv.demo.DemoSpec;
import org.anserv.demo.DemoWorld;
import org.anserv.runtime.ModuleRuntime;
import org.anserv.runtime.log.kafka.BrokerProcess;
import org.anserv.runtime.shard.Shard;
import org.anserv.runtime.store.EmbeddedMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes in three JVMs on loopback, clustered on Hazelcast, sharing a Kafka event log (a broker process) and
 * one MongoDB (hosted by this JVM, so that any node may die). The demo world streams to every node while the node
 * running the {@code counts} module is killed with {@code kill -9}, then a node joins in its place, then the node
 * running {@code counts} by then is frozen with {@code SIGSTOP}. A unit is what the cluster places on one node: a
 * one-instance (global) module, or one shard of a module split by student ({@code sessions}, {@value #SHARDS}
 * shards). Asserted, with the bounds below:
 * <ul>
 *   <li>every acknowledged event is counted exactly once by each module checked, equal to the generator's truth, read
 *       through every node: {@code counts} (total and per user), {@code video} (plays and viewers per video) and the
 *       sharded {@code sessions} (events per learner from the learner's shard, and learners and events summed over
 *       the shards);</li>
 *   <li>every unit runs on one node at a time: an {@link OwnershipSampler} asks each node what it runs all through the
 *       run and never finds a unit on two nodes;</li>
 *   <li>the killed node is dropped within {@link #KILL_DROPPED_BOUND} and each of its units runs again within
 *       {@link #OWNED_AGAIN_BOUND} of the kill; no unit is without an owner longer than that, nor longer than
 *       {@link #JOIN_GAP_BOUND} while units are handed to the node that joins;</li>
 *   <li>the frozen node is dropped within the heartbeat window ({@code cluster.max.no.heartbeat.seconds} plus a
 *       heartbeat and a margin for two shared cores, {@link #frozenDroppedBound}), and its units run again within
 *       {@link #OWNED_AGAIN_BOUND} of that.</li>
 * </ul>
 * It prints the time of each phase, the fail-over times and the events lost (0).
 *
 * <p>About a minute and a half on two shared cores, most of it JVMs starting: it runs in the default build. Under
 * load it once ended one batch short: a batch stored in two parts with another node's batch between them made a
 * realtime feed step over that one (fixed in {@code LogFeed}; {@code ModuleRuntimeTest} reproduces it). Run it alone
 * with {@code ./mvnw -pl gateway verify -Dtest=ClusterFailoverTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ClusterFailoverTest {

  /**
   * A {@code kill -9}-ed node's connections close, so it leaves before its heartbeats are missed; measured 0.4–5 s
   * (longer when it was Hazelcast's master).
   */
  static final Duration KILL_DROPPED_BOUND = Duration.ofSeconds(10);
  /**
   * From a node's death (or its being dropped, when frozen) until each of its units runs on another node: a
   * placement tick (1 s) and a deploy that rebuilds the unit from the log, the units claimed one after another;
   * measured 2–6 s from a kill, under 2 s from a frozen node's drop.
   */
  static final Duration OWNED_AGAIN_BOUND = Duration.ofSeconds(15);
  /**
   * The longest a unit may go without an owner while a node joins. The others count the joiner in their fair share
   * only once its placement runs ({@link PlacingMembers}), so a unit handed back waits a tick and a deploy: under
   * 2 s measured. (Counting it as soon as it was a Hazelcast member, while it still opened its log and runtime, left
   * units unowned 4–9 s.)
   */
  static final Duration JOIN_GAP_BOUND = Duration.ofSeconds(15);
  private static final int HEARTBEAT_SECONDS = 1;
  private static final int MAX_NO_HEARTBEAT_SECONDS = 5;
  private static final DemoSpec WORLD = new DemoSpec(7, 1, 40, 10, LocalDate.of(2026, 2, 2));
  private static final int BATCH = 25;
  // fewer than the cluster default of 8, to start fewer instances: enough to spread a sharded module over 3 nodes
  static final int SHARDS = 4;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  private final List<ClusterNode> nodes = new CopyOnWriteArrayList<>();
  private final Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
  private final List<String> batches = new ArrayList<>();
  private final List<String> phases = new ArrayList<>();
  private long lap = System.nanoTime();
  private BrokerProcess broker;
  private EmbeddedMongo mongo;
  private OwnershipSampler sampler;

  @AfterEach
  void stopAll() throws Exception {
    if (sampler != null) {
      sampler.close();
    }
    // kill -9, each by its own pid: nothing is asserted about stopping, and a graceful stop takes seconds per node
    for (ClusterNode node : nodes) {
      node.kill();
      System.out.println("---- last lines of " + node.name() + " (all in " + node.log() + ")\n" + node.tail());
    }
    if (broker != null) {
      broker.kill();
    }
    if (mongo != null) {
      mongo.close();
    }
    lap("stop");
    System.out.println("cluster test phases: " + String.join(", ", phases));
  }

  /** {@code cluster.max.no.heartbeat.seconds}, plus one heartbeat (Hazelcast checks once per heartbeat), + 2 s. */
  static Duration frozenDroppedBound() {
    return Duration.ofSeconds(MAX_NO_HEARTBEAT_SECONDS + HEARTBEAT_SECONDS + 2);
  }

  @Test
  void everyModuleRunsOnceAndCountsEveryEventOnceWhileNodesAreKilledFrozenAndAdded() throws Exception {
    Path classpath = BrokerProcess.classpathFile().orElse(null);
    Assumptions.assumeTrue(classpath != null, "SKIPPED: kafka-broker/target/broker.classpath is missing; build the"
        + " kafka-broker module first (the full reactor build does)");
    int kafkaPort = BrokerProcess.freePortPair();
    mongo = EmbeddedMongo.inMemory();
    int[] hazelcast = {freePort(), freePort(), freePort()};
    int[] http = {freePort(), freePort(), freePort()};
    String members = "127.0.0.1:" + hazelcast[0] + ",127.0.0.1:" + hazelcast[1] + ",127.0.0.1:" + hazelcast[2];
    Map<String, String> common = Map.ofEntries(Map.entry("cluster.enabled", "true"),
        Map.entry("cluster.name", "test-" + UUID.randomUUID()), Map.entry("cluster.members", members),
        Map.entry("cluster.heartbeat.seconds", Integer.toString(HEARTBEAT_SECONDS)),
        Map.entry("cluster.max.no.heartbeat.seconds", Integer.toString(MAX_NO_HEARTBEAT_SECONDS)),
        Map.entry("log.engine", "kafka"), Map.entry("log.kafka.bootstrap", "127.0.0.1:" + kafkaPort),
        Map.entry("log.kafka.topic", "cluster-events"), Map.entry("log.kafka.replication", "1"),
        Map.entry("log.kafka.min.insync", "1"), Map.entry("mongo.uri", mongo.connectionString()),
        Map.entry("modules.shards", Integer.toString(SHARDS)), Map.entry("security.enabled", "false"));
    // all at once, as `anserv cluster` starts them: the nodes' Kafka clients wait for the broker
    for (int i = 0; i < 3; i++) {
      Map<String, String> settings = new HashMap<>(common);
      settings.put("cluster.port", Integer.toString(hazelcast[i]));
      nodes.add(new ClusterNode("node" + (i + 1), http[i], dir.resolve("node" + (i + 1)), settings).start());
    }
    CompletableFuture<JsonObject> generated = CompletableFuture.supplyAsync(this::generate);
    broker = BrokerProcess.start(classpath, kafkaPort, dir.resolve("kafka"), Duration.ofSeconds(120));
    lap("broker up");
    for (ClusterNode node : nodes) {
      node.awaitUp(Duration.ofSeconds(120));
    }
    JsonObject truth = generated.get();
    lap("3 nodes up (launched with the broker), demo world generated meanwhile");
    Set<String> units = awaitEveryUnitOnOneNode(nodes, Duration.ofSeconds(60));
    assertThat(units).contains("counts", "video", new Shard(0, SHARDS).instance("sessions"));
    assertThat(nodes.getFirst().get("/metrics")).contains("anserv_cluster_members 3.0");
    lap("modules placed");
    sampler = new OwnershipSampler(nodes, OwnershipSampler::units);

    // kill -9 the node running counts a quarter into the stream; the clients go on with the survivors
    ClusterNode victim = runnerOf("counts");
    Set<String> victimUnits = OwnershipSampler.units(victim);
    List<ClusterNode> alive = new CopyOnWriteArrayList<>(nodes);
    long[] killedAt = new long[1];
    int half = batches.size() / 2;
    AtomicInteger acks = new AtomicInteger();
    stream(alive, 0, half, () -> {
      if (acks.incrementAndGet() == half / 2) {
        sampler.forget(victim);
        alive.remove(victim);
        killedAt[0] = System.nanoTime();
        try {
          victim.kill();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    lap("first half streamed, " + victim.name() + " killed");
    long droppedMillis = awaitMetric(nodes.get((nodes.indexOf(victim) + 1) % 3), "anserv_cluster_members 2.0",
        killedAt[0], KILL_DROPPED_BOUND);
    // a node joins in the victim's place: its JVM starts now, while the modules move and the second half streams
    ClusterNode joiner = new ClusterNode(victim.name() + "-again", victim.port(), dir.resolve(victim.name()
        + "-again"), settingsOf(common, hazelcast[nodes.indexOf(victim)]));
    nodes.set(nodes.indexOf(victim), joiner);
    long joinStarted = System.nanoTime();
    joiner.start();
    Map<String, Long> ownedAgain = sampler.awaitOwnedAfter(victimUnits, killedAt[0], OWNED_AGAIN_BOUND);
    Map<String, Long> killGaps = sampler.longestGapsMillis();
    lap("fail-over seen");
    int failedPosts = half - acknowledged.size();
    resendUnacknowledged(nodes.get((nodes.indexOf(joiner) + 1) % 3), half);
    lap(failedPosts + " failed batches sent again");
    long[] joinedAt = new long[1];
    CompletableFuture<Void> joined = CompletableFuture.runAsync(() -> {
      try {
        joiner.awaitUp(Duration.ofSeconds(120));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      joinedAt[0] = System.nanoTime();
      sampler.add(joiner);
      alive.add(joiner);
    });
    stream(alive, half, batches.size(), () -> { });
    lap("second half streamed");
    joined.get(120, TimeUnit.SECONDS);
    lap(joiner.name() + " up");
    resendUnacknowledged(nodes.getFirst(), batches.size());
    awaitEveryUnitOnOneNode(nodes, Duration.ofSeconds(60));
    lap("modules placed on 3 nodes again");
    int handedOver = OwnershipSampler.units(joiner).size();
    assertThat(handedOver).as("units handed to the node that joined").isPositive();
    long[] lost = assertFiguresEqualTruth(nodes, truth);
    lap("figures exact through every node");
    Map<String, Long> gaps = sampler.longestGapsMillis();

    // SIGSTOP the node running counts now: dropped within the heartbeat window, its modules run elsewhere
    ClusterNode frozen = runnerOf("counts");
    Set<String> frozenUnits = OwnershipSampler.units(frozen);
    sampler.forget(frozen);
    long frozenAt = System.nanoTime();
    frozen.freeze();
    ClusterNode witness = nodes.get((nodes.indexOf(frozen) + 1) % 3);
    long frozenDroppedMillis = awaitMetric(witness, "anserv_cluster_members 2.0", frozenAt, frozenDroppedBound());
    lap(frozen.name() + " frozen and dropped");
    long droppedAt = frozenAt + TimeUnit.MILLISECONDS.toNanos(frozenDroppedMillis);
    Map<String, Long> frozenOwnedAgain = sampler.awaitOwnedAfter(frozenUnits, droppedAt, OWNED_AGAIN_BOUND);
    lap("its modules running elsewhere");
    List<String> doubleOwned = sampler.doubleOwned();
    long rounds = sampler.rounds();
    long pause = sampler.longestPauseMillis();

    System.out.printf("cluster fail-over: 3 nodes, %d units (modules and shards), %d demo events in %d batches (%d"
        + " acknowledged); kill -9 of %s -> dropped after %d ms, its %d units running again after (ms) %s; %s joined"
        + " -> up %d ms after launch, %d units handed over; longest time without an owner (ms) through the kill %s,"
        + " through the join %s; SIGSTOP of %s ->"
        + " dropped after %d ms (window %d s), its %d units running again after (ms, from the drop) %s;"
        + " ownership sampled in %d rounds (longest pause %d ms), two owners seen %d times; events lost: counts %d,"
        + " sessions %d, video plays %d%n",
        units.size(), truth.getLong("events"), batches.size(), acknowledged.size(), victim.name(), droppedMillis,
        victimUnits.size(), ownedAgain, joiner.name(), (joinedAt[0] - joinStarted) / 1_000_000, handedOver,
        killGaps, gaps,
        frozen.name(), frozenDroppedMillis, MAX_NO_HEARTBEAT_SECONDS, frozenUnits.size(), frozenOwnedAgain, rounds,
        pause, doubleOwned.size(), lost[0], lost[1], lost[2]);
    assertThat(doubleOwned).as("units seen running on two nodes at once").isEmpty();
    assertThat(pause).as("ownership sampled all along: longest pause between rounds, ms").isLessThan(10_000);
    assertThat(killGaps.values()).as("longest time a unit had no owner through the kill, ms")
        .allMatch(gap -> gap <= OWNED_AGAIN_BOUND.toMillis());
    assertThat(gaps.values()).as("longest time a unit had no owner through the join, ms")
        .allMatch(gap -> gap <= JOIN_GAP_BOUND.toMillis());
    assertThat(acknowledged).hasSize(batches.size());
  }

  private static Map<String, String> settingsOf(Map<String, String> common, int hazelcastPort) {
    Map<String, String> settings = new HashMap<>(common);
    settings.put("cluster.port", Integer.toString(hazelcastPort));
    return settings;
  }

  private JsonObject generate() {
    DemoWorld world = DemoWorld.generate(WORLD);
    StringBuilder batch = new StringBuilder();
    int inBatch = 0;
    for (var events = world.events(); events.hasNext(); ) {
      batch.append(events.next().encode()).append('\n');
      if (++inBatch == BATCH) {
        batches.add(batch.toString());
        batch.setLength(0);
        inBatch = 0;
      }
    }
    if (inBatch > 0) {
      batches.add(batch.toString());
    }
    return world.truth();
  }

  private ClusterNode runnerOf(String module) {
    return nodes.stream().filter(node -> OwnershipSampler.units(node).contains(module)).findFirst()
        .orElseThrow(() -> new AssertionError("no node runs " + module));
  }

  // Three clients post batches [from, to) round-robin over the live nodes. A batch whose POST failed (its node died)
  // is left for resendUnacknowledged, seconds later: by then every node has followed what the dead one stored, and
  // recognises the stored part as duplicates (a retry within the ~100 ms follow delay could be stored twice).
  private void stream(List<ClusterNode> alive, int from, int to, Runnable onAck) throws InterruptedException {
    AtomicInteger next = new AtomicInteger(from);
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < 3; c++) {
      clients.add(Thread.ofPlatform().start(() -> {
        for (int n = next.getAndIncrement(); n < to; n = next.getAndIncrement()) {
          List<ClusterNode> targets = List.copyOf(alive);
          if (targets.get(Math.floorMod(n, targets.size())).post(batches.get(n))) {
            acknowledged.add(n);
            onAck.run();
          }
        }
      }));
    }
    for (Thread client : clients) {
      client.join(TimeUnit.SECONDS.toMillis(120));
    }
  }

  private void resendUnacknowledged(ClusterNode node, int below) {
    for (int n = 0; n < below; n++) {
      if (!acknowledged.contains(n)) {
        assertThat(node.post(batches.get(n))).as("resending batch " + n).isTrue();
        acknowledged.add(n);
      }
    }
  }

  // Waits until every figure read through every reader equals the truth; returns events lost per module.
  private long[] assertFiguresEqualTruth(List<ClusterNode> readers, JsonObject truth) throws Exception {
    long events = truth.getLong("events");
    JsonObject perUser = truth.getJsonObject("events_per_user");
    long userEvents = perUser.stream().mapToLong(user -> ((Number) user.getValue()).longValue()).sum();
    JsonObject videos = truth.getJsonObject("courses").stream().map(course -> ((JsonObject) course.getValue())
        .getJsonObject("videos")).findFirst().orElseThrow();
    long plays = videos.stream().mapToLong(video -> ((JsonObject) video.getValue()).getLong("plays")).sum();
    Map<String, Object> expected = new TreeMap<>();
    Map<String, Object> actual = new TreeMap<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    do {
      expected.clear();
      actual.clear();
      for (ClusterNode reader : readers) {
        String via = " via " + reader.name();
        expected.put("counts total" + via, Long.toString(events));
        actual.put("counts total" + via, read(reader, "/queries/counts/total"));
        for (String user : perUser.fieldNames()) {
          expected.put("counts " + user + via, perUser.getLong(user).toString());
          actual.put("counts " + user + via, read(reader, "/queries/counts/user?user=" + user));
        }
        JsonObject learners = readJson(reader, "/queries/sessions/totals");
        expected.put("sessions events" + via, Long.toString(userEvents));
        actual.put("sessions events" + via, String.valueOf(learners.getValue("events")));
        expected.put("sessions learners" + via, Integer.toString(perUser.size()));
        actual.put("sessions learners" + via, String.valueOf(learners.getValue("learners")));
        for (String user : perUser.fieldNames()) {
          expected.put("sessions " + user + via, perUser.getLong(user).toString());
          actual.put("sessions " + user + via, String.valueOf(readJson(reader, "/queries/sessions/learner?user="
              + user).getValue("events")));
        }
        for (String video : videos.fieldNames()) {
          JsonObject summary = readJson(reader, "/queries/video/summary?video="
              + java.net.URLEncoder.encode(video, java.nio.charset.StandardCharsets.UTF_8));
          expected.put("video plays " + video + via, videos.getJsonObject(video).getLong("plays"));
          actual.put("video plays " + video + via, summary.getLong("views"));
          expected.put("video viewers " + video + via, videos.getJsonObject(video).getLong("viewers"));
          actual.put("video viewers " + video + via, summary.getLong("viewers"));
        }
        if (!actual.equals(expected)) {
          break;
        }
      }
      if (actual.equals(expected)) {
        break;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    long counted = parseOr(actual.get("counts total via " + readers.getFirst().name()));
    long played = 0;
    for (String video : videos.fieldNames()) {
      played += parseOr(actual.get("video plays " + video + " via " + readers.getFirst().name()));
    }
    long perStudent = parseOr(actual.get("sessions events via " + readers.getFirst().name()));
    System.out.printf("cluster figures: %d events, counted %d by counts (lost %d); %d events of learners, counted %d"
        + " by the shards of sessions (lost %d); %d video plays, counted %d (lost %d); %d of %d figures equal the"
        + " truth%n", events, counted, events - counted, userEvents, perStudent, userEvents - perStudent, plays,
        played, plays - played,
        expected.entrySet().stream().filter(e -> e.getValue().equals(actual.get(e.getKey()))).count(),
        expected.size());
    assertThat(actual).as("figures through every node").isEqualTo(expected);
    return new long[] {events - counted, userEvents - perStudent, plays - played};
  }

  private static long parseOr(Object value) {
    try {
      return Long.parseLong(String.valueOf(value));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String read(ClusterNode node, String path) {
    try {
      return node.get(path);
    } catch (IOException | InterruptedException e) {
      return e.toString();
    }
  }

  private static JsonObject readJson(ClusterNode node, String path) {
    try {
      return new JsonObject(node.get(path));
    } catch (Exception e) {
      return new JsonObject();
    }
  }

  // Every module is placed (running, in quarantine, or failed to deploy), each of its shards on one node, and every
  // node lists the same modules; returns the units (modules and shards) held.
  private static Set<String> awaitEveryUnitOnOneNode(List<ClusterNode> members, Duration within) throws Exception {
    int candidates = ModuleRuntime.discover("").size();
    long deadline = System.nanoTime() + within.toNanos();
    String problem = "";
    while (System.nanoTime() < deadline) {
      Map<String, Integer> holders = new TreeMap<>();
      Set<String> expected = new TreeSet<>();
      Set<String> modules = new TreeSet<>();
      Set<String> failed = new TreeSet<>();
      Set<String> listed = null;
      boolean same = true;
      for (ClusterNode node : members) {
        JsonObject schema = readJson(node, "/schema");
        if (schema.getJsonArray("modules") == null) {
          same = false;
          continue;
        }
        OwnershipSampler.units(schema).forEach(unit -> holders.merge(unit, 1, Integer::sum));
        Set<String> names = new TreeSet<>();
        for (Object entry : schema.getJsonArray("modules")) {
          JsonObject module = (JsonObject) entry;
          names.add(module.getString("name"));
          JsonObject shards = module.getJsonObject("shards");
          for (int i = 0; shards != null && i < shards.getInteger("count"); i++) {
            expected.add(new Shard(i, shards.getInteger("count")).instance(module.getString("name")));
          }
          if (shards == null) {
            expected.add(module.getString("name"));
          }
        }
        for (Object entry : schema.getJsonArray("quarantined")) {
          expected.add(((JsonObject) entry).getString("name"));
          modules.add(Shard.moduleOf(((JsonObject) entry).getString("name")));
        }
        schema.getJsonArray("failed").forEach(f -> failed.add(((JsonObject) f).getString("name")));
        modules.addAll(names);
        same &= listed == null || listed.equals(names);
        listed = names;
      }
      if (same && holders.keySet().equals(expected) && holders.values().stream().allMatch(count -> count == 1)
          && modules.size() + failed.size() == candidates) {
        return holders.keySet();
      }
      problem = "held " + holders + ", expected " + expected + ", modules " + modules + ", failed " + failed + ", of "
          + candidates;
      Thread.sleep(100);
    }
    throw new AssertionError("modules and shards not placed exactly once within " + within + ": " + problem);
  }

  private static long awaitMetric(ClusterNode node, String line, long since, Duration within) throws Exception {
    long deadline = since + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (read(node, "/metrics").contains(line)) {
        return (System.nanoTime() - since) / 1_000_000;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(node.name() + " did not show " + line + " within " + within);
  }

  private void lap(String phase) {
    long now = System.nanoTime();
    phases.add(phase + " " + (now - lap) / 1_000_000 + " ms");
    lap = now;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
