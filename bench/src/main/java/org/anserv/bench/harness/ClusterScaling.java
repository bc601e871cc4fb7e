package org.anserv.bench.harness;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.anserv.api.Scope;
import org.anserv.demo.DemoSpec;
import org.anserv.gateway.cluster.LocalCluster;
import org.anserv.runtime.RuntimeSettings;
import org.anserv.runtime.define.ModuleInspector;
import org.anserv.runtime.deploy.ModuleDiscovery;
import org.anserv.runtime.deploy.ModuleDiscovery.Candidate;

/**
 * Scenario 7: clusters of 1, 2 and 3 nodes on this machine ({@link LocalCluster}: a JVM per node, a Kafka broker,
 * one embedded MongoDB), every standard module placed over the nodes. For each size, the load generator posts the
 * demo world's events (fresh ids) to every node at once for the phase's length, closed loop, the connections spread
 * over the nodes; it prints the intake throughput and p50/p99 of one batch POST, then the throughput through every
 * module (events ÷ time until the summed lag of every node is back to 0), each with its ratio to the one-node
 * cluster measured in the same run. Run with {@code bench/run-cluster [--seconds S] [--nodes 1,2,3]}.
 */
public final class ClusterScaling {

  private static final int BATCH = 100;
  private static final int CONCURRENCY = 16;

  private ClusterScaling() {
  }

  /**
   * Runs the scenario.
   *
   * @param args {@code --seconds S} (default 10), {@code --nodes 1,2,3}, {@code --work DIR}
   * @throws Exception when a cluster cannot start
   */
  public static void main(String[] args) throws Exception {
    double seconds = 10;
    List<Integer> sizes = List.of(1, 2, 3);
    Path work = Path.of("bench/target/harness");
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
        case "--nodes" -> sizes = Arrays.stream(args[i + 1].split(",")).map(String::strip).map(Integer::valueOf)
            .toList();
        case "--work" -> work = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("usage: bench/run-cluster [--seconds S] [--nodes 1,2,3]"
            + " [--work DIR]; unknown option " + args[i]);
      }
    }
    List<String> sample = WorldCache.of(DemoSpec.defaults(), work.resolve("worlds")).sample(20_000);
    List<Candidate> candidates = ModuleDiscovery.onClasspath(ClusterScaling.class.getClassLoader());
    int modules = candidates.size();
    // what the nodes place: a module, or each shard of a module split by student or resource (8 in a cluster)
    RuntimeSettings clustered = RuntimeSettings.fromConfig(new JsonObject().put("cluster.enabled", true));
    int units = candidates.stream().mapToInt(c -> clustered.shardsOf(scopeOf(c))).sum();
    System.out.println("7 cluster: " + sizes + " nodes, " + modules + " modules (" + units + " units with the shards),"
        + " batch " + BATCH + " x " + CONCURRENCY
        + " connections spread over the nodes, " + seconds + " s phases; load " + Report.load());
    List<String> lines = new ArrayList<>();
    double oneNodeIntake = Double.NaN;
    double oneNodeModules = Double.NaN;
    for (int nodes : sizes) {
      Result result = measure(nodes, units, sample, seconds, work.resolve("cluster-" + nodes));
      if (nodes == sizes.getFirst()) {
        oneNodeIntake = result.intake().eventsPerSecond();
        oneNodeModules = result.throughModules();
      }
      lines.add(result.line(oneNodeIntake, oneNodeModules));
      System.out.println(lines.getLast());
    }
    System.out.println("\n" + String.join("\n", lines));
    System.exit(0);
  }

  private record Result(int nodes, LoadRun intake, double throughModules, double drainSeconds, String load) {

    String line(double oneNodeIntake, double oneNodeModules) {
      return String.format(Locale.ROOT, "7 cluster      %d node%s  intake %,9.0f ev/s (x%.2f)  p50 %7.2f  p99 %8.2f ms"
              + "  through all modules %,7.0f ev/s (x%.2f), drained %.1f s after the last POST; %s%s", nodes,
          nodes == 1 ? " " : "s", intake.eventsPerSecond(), intake.eventsPerSecond() / oneNodeIntake,
          intake.millisAt(50), intake.millisAt(99), throughModules, throughModules / oneNodeModules, drainSeconds,
          load, intake.failed() == 0 ? "" : "; " + intake.failed() + " of " + intake.requests()
              + " POSTs failed (last status " + intake.lastFailure() + ")");
    }
  }

  private static Scope scopeOf(Candidate candidate) {
    try {
      return ModuleInspector.scopeOf(Class.forName(candidate.className(), false, candidate.loader()));
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("Module class " + candidate.className() + " is listed but missing", e);
    }
  }

  private static Result measure(int nodes, int units, List<String> sample, double seconds, Path dir)
      throws Exception {
    deleteRecursively(dir);
    Map<String, String> settings = Map.of("security.enabled", "false", "log.kafka.topic", "bench-" + nodes,
        "modules.dir", "");
    try (LocalCluster cluster = LocalCluster.start(new LocalCluster.Options(nodes, dir, 18080, 15701, 27099, null,
        settings))) {
      List<LoadGenerator> generators = new ArrayList<>();
      try {
        for (int node = 1; node <= nodes; node++) {
          generators.add(new LoadGenerator(cluster.httpPort(node), null));
        }
        awaitPlaced(generators, units);
        post(generators, EventSource.repeated(sample, Long.MAX_VALUE, "warm-" + nodes + "-"), Math.min(3, seconds));
        awaitDrained(generators, 600);
        long start = System.nanoTime();
        LoadRun intake = post(generators, EventSource.repeated(sample, Long.MAX_VALUE, "run-" + nodes + "-"),
            seconds);
        long lastPost = System.nanoTime();
        String load = "load " + Report.load();
        awaitDrained(generators, 900);
        long drained = System.nanoTime();
        return new Result(nodes, intake, intake.events() / ((drained - start) / 1e9), (drained - lastPost) / 1e9,
            load);
      } finally {
        generators.forEach(LoadGenerator::close);
      }
    }
  }

  // Every unit runs somewhere: the nodes' anserv_cluster_modules_running add up to the modules and shards.
  private static void awaitPlaced(List<LoadGenerator> nodes, int units) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      if (sum(nodes, "anserv_cluster_modules_running ") == units) {
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the modules were not all placed within 3 minutes");
  }

  private static void awaitDrained(List<LoadGenerator> nodes, double timeoutSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + (long) (timeoutSeconds * 1e9);
    int zeros = 0;
    while (System.nanoTime() < deadline) {
      long lag = sum(nodes, "anserv_module_lag_events{");
      zeros = lag == 0 ? zeros + 1 : 0;
      if (zeros == 2) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the modules did not catch up within " + timeoutSeconds + " s");
  }

  // The sum of a series over every node's /metrics; a node that does not answer in time counts as unknown (-1).
  private static long sum(List<LoadGenerator> nodes, String series) {
    long total = 0;
    for (LoadGenerator node : nodes) {
      try {
        LoadGenerator.Answer answer = node.get("/metrics").timeout(30, TimeUnit.SECONDS).await();
        for (String line : answer.body().toString(StandardCharsets.UTF_8).split("\n")) {
          if (line.startsWith(series)) {
            total += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
          }
        }
      } catch (RuntimeException notNow) {
        return -1;
      }
    }
    return total;
  }

  // One closed loop per node at once, the connections spread over them; the runs merged into one.
  private static LoadRun post(List<LoadGenerator> nodes, EventSource source, double seconds) throws Exception {
    int each = Math.max(1, CONCURRENCY / nodes.size());
    List<CompletableFuture<LoadRun>> runs = nodes.stream().map(node -> CompletableFuture.supplyAsync(
        () -> node.closed(source, "/events", BATCH, each, seconds))).toList();
    long events = 0;
    long requests = 0;
    long failed = 0;
    int lastFailure = 0;
    double wall = 0;
    Histogram latency = null;
    for (CompletableFuture<LoadRun> future : runs) {
      LoadRun run = future.get();
      events += run.events();
      requests += run.requests();
      failed += run.failed();
      lastFailure = run.failed() > 0 ? run.lastFailure() : lastFailure;
      wall = Math.max(wall, run.seconds());
      if (latency == null) {
        latency = run.latency().copy();
      } else {
        latency.add(run.latency());
      }
    }
    return new LoadRun(events, requests, failed, lastFailure, wall, latency);
  }

  private static void deleteRecursively(Path dir) throws java.io.IOException {
    if (java.nio.file.Files.exists(dir)) {
      try (var paths = java.nio.file.Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }
}
