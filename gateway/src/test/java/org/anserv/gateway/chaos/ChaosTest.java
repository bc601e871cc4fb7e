package org.anserv.gateway.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.anserv.api.Emitter;
import org.anserv.api.Event;
import org.anserv.api.EventHandler;
import org.anserv.api.Module;
import org.anserv.api.Query;
import org.anserv.demo.DemoSpec;
import org.anserv.demo.DemoWorld;
import org.anserv.gateway.AnservServer;
import org.anserv.runtime.route.EventIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos suite: the standard modules run on a demo world while, one phase at a time, a fixture module misbehaves
 * in one way: it throws on every event, sleeps forever, loops on the CPU, floods the log with emitted events and
 * log lines, allocates memory, or never answers a query. Each phase streams a slice of the demo world's events over HTTP while
 * a healthy query is timed, then checks the faulty module was quarantined and restarted as configured and that no
 * event was lost, neither for the healthy modules nor for the faulty one. At the end the counts module's figures
 * equal the generator's truth. Prints a table: fault, what happened, events lost, gateway p99 during the fault.
 *
 * <p>In-process mode only: the allocating module is held to 64 MB here, since an unbounded one would exhaust the heap
 * every module shares, which nothing in one JVM can contain.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ChaosTest {

  /**
   * Healthy calls answer within this at the 99th percentile whatever the faulty module does, or within three times
   * the baseline measured with no faulty module when the machine (2 cores, shared) is slower than that.
   */
  private static final long P99_BOUND_MS = 3_000;
  private static long baseline;
  private static final DemoSpec SPEC = new DemoSpec(7, 1, 60, 14, LocalDate.of(2026, 2, 2));

  private static Vertx vertx;
  private static AnservServer server;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final List<String> TABLE = new ArrayList<>();
  private static List<JsonObject> demoEvents;
  private static JsonObject truth;
  private static int posted;
  private static int triggers;
  private static final List<String> orderedIds = new ArrayList<>();

  @BeforeAll
  static void start(@TempDir Path dataDir) {
    DemoWorld world = DemoWorld.generate(SPEC);
    demoEvents = new ArrayList<>();
    world.events().forEachRemaining(demoEvents::add);
    truth = world.truth();
    vertx = Vertx.vertx();
    JsonObject config = new JsonObject().put("http.port", 0).put("http.instances", 1)
        .put("mongo.embedded.storage", "memory").put("data.dir", dataDir.toString()).put("log.durability", "process")
        .put("modules.timeout.ms", 10_000).put("security.enabled", false);
    for (String fault : List.of("throws", "sleeps", "loops", "floods", "allocates", "silent")) {
      String prefix = "modules.chaos-" + fault + ".";
      config.put(prefix + "timeout.ms", 300).put(prefix + "failures.max", 5).put(prefix + "failures.window.ms", 10_000)
          .put(prefix + "restart.backoff.ms", 500).put(prefix + "restart.backoff.max.ms", 2_000)
          .put(prefix + "emits.per.second", 100);
    }
    server = await(AnservServer.start(vertx, config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
  }

  @AfterAll
  static void stop() {
    System.out.println();
    System.out.println("| fault | what happened | events lost (healthy / faulty module) | gateway p99 during the fault |");
    System.out.println("|---|---|---|---|");
    TABLE.forEach(System.out::println);
    System.out.println();
    await(server.close().eventually(() -> vertx.close()).timeout(30, TimeUnit.SECONDS).otherwiseEmpty());
  }

  /** Records every event a faulty module was given, so events it never got show up as lost. */
  static final Map<String, Set<String>> ATTEMPTED = new ConcurrentHashMap<>();

  static void attempted(String module, Event event) {
    ATTEMPTED.computeIfAbsent(module, m -> ConcurrentHashMap.newKeySet()).add(event.id());
  }

  @Module(name = "chaos-throws")
  public static class Throws {
    @EventHandler
    public void handle(Event event) {
      attempted("chaos-throws", event);
      throw new IllegalStateException("chaos: throws on every event");
    }
  }

  @Module(name = "chaos-sleeps")
  public static class Sleeps {
    @EventHandler
    public void handle(Event event) throws InterruptedException {
      attempted("chaos-sleeps", event);
      if (event.type().equals("chaos.sleeps")) {
        Thread.sleep(Long.MAX_VALUE);
      }
    }
  }

  @Module(name = "chaos-loops")
  public static class Loops {
    static volatile long sink;

    @EventHandler
    public void handle(Event event) {
      attempted("chaos-loops", event);
      if (event.type().equals("chaos.loops")) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_500);
        long turns = 0;
        while (System.nanoTime() < end) {
          turns++;
        }
        sink = turns;
      }
    }
  }

  @Module(name = "chaos-floods")
  public static class Floods {
    private static final org.slf4j.Logger FLOOD_LOG = org.slf4j.LoggerFactory.getLogger("chaos.floods");

    @EventHandler
    public void handle(Event event, Emitter emitter) {
      attempted("chaos-floods", event);
      if (event.type().equals("chaos.floods")) {
        for (int i = 0; ; i++) {
          FLOOD_LOG.warn("chaos: flooding, event {}", i);
          emitter.emit(new JsonObject().put("event_type", "chaos.flood").put("n", i)).await();
        }
      }
    }
  }

  @Module(name = "chaos-allocates")
  public static class Allocates {
    static final List<byte[]> KEPT = Collections.synchronizedList(new ArrayList<>());

    @EventHandler
    public void handle(Event event) {
      attempted("chaos-allocates", event);
      if (event.type().equals("chaos.allocates") && KEPT.size() < 64) {
        for (int i = 0; i < 16 && KEPT.size() < 64; i++) {
          KEPT.add(new byte[1 << 20]);
        }
      }
    }
  }

  @Module(name = "chaos-silent")
  public static class Silent {
    @EventHandler
    public void handle(Event event) {
      attempted("chaos-silent", event);
    }

    @Query
    public Future<String> never() {
      return Promise.<String>promise().future();
    }
  }

  @Test
  void healthyModulesKeepAnsweringAndCountEveryEventWhileEachFaultyModuleIsQuarantinedAndRestarted()
      throws Exception {
    List<Class<?>> faults = List.of(Throws.class, Sleeps.class, Loops.class, Floods.class, Allocates.class,
        Silent.class);
    int slice = demoEvents.size() / (faults.size() + 1) + 1;
    baseline = baseline(demoEvents.subList(0, slice));
    for (int i = 0; i < faults.size(); i++) {
      List<JsonObject> events = demoEvents.subList((i + 1) * slice, Math.min(demoEvents.size(), (i + 2) * slice));
      phase(faults.get(i), events);
    }
    awaitCounted(posted + triggers);
    assertThat(getLong("/queries/counts/total")).isEqualTo(truth.getLong("events") + triggers);
    JsonObject perUser = truth.getJsonObject("events_per_user");
    for (String user : perUser.fieldNames()) {
      assertThat(getLong("/queries/counts/user?user=" + user)).as(user).isEqualTo(perUser.getLong(user));
    }
  }

  // The same load with no faulty module: what healthy calls take on this machine now, shared as it is.
  private long baseline(List<JsonObject> events) throws Exception {
    stream(events.subList(0, 250));
    awaitCounted(posted);
    events = events.subList(250, events.size());
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean sampling = new AtomicBoolean(true);
    Thread sampler = Thread.ofPlatform().start(() -> sample(latencies, sampling));
    stream(events);
    awaitCounted(posted + triggers);
    sampling.set(false);
    sampler.join();
    long p99 = percentile(latencies, 99);
    TABLE.add("| none (baseline) | no faulty module | " + (posted + triggers - getLong("/queries/counts/total"))
        + " / - | " + p99 + " ms (" + latencies.size() + " calls) |");
    return p99;
  }

  private void stream(List<JsonObject> events) throws Exception {
    for (int from = 0; from < events.size(); from += 250) {
      List<JsonObject> batch = events.subList(from, Math.min(events.size(), from + 250));
      post(new JsonArray(new ArrayList<>(batch)));
      batch.forEach(e -> orderedIds.add(EventIds.of(e).toString()));
      posted += batch.size();
    }
  }

  private void phase(Class<?> fault, List<JsonObject> events) throws Exception {
    String module = fault.getAnnotation(Module.class).name();
    String kind = module.substring("chaos-".length());
    await(server.runtime().deploy(fault));
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean sampling = new AtomicBoolean(true);
    Thread sampler = Thread.ofPlatform().start(() -> sample(latencies, sampling));
    long restartsBefore = metric("anserv_module_restarts_total", module);

    stream(events.subList(0, Math.min(250, events.size())));
    trigger(kind);
    stream(events.subList(Math.min(250, events.size()), events.size()));
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (metric("anserv_module_restarts_total", module) == restartsBefore && System.nanoTime() < until) {
      Thread.sleep(100);
    }
    awaitCounted(posted + triggers);
    long lostHealthy = posted + triggers - getLong("/queries/counts/total");
    long pending = awaitCaughtUp(module);
    long lostFaulty = lost(module);
    sampling.set(false);
    sampler.join();

    long restarts = metric("anserv_module_restarts_total", module) - restartsBefore;
    long timeouts = metricSum("anserv_module_timeouts_total", module);
    long p99 = percentile(latencies, 99);
    String happened = happened(kind, timeouts, restarts) + (pending > 0 ? "; " + pending + " events still wait in"
        + " the log for it" : "");
    TABLE.add("| " + kind + " | " + happened + " | " + lostHealthy + " / " + lostFaulty + " | " + p99 + " ms ("
        + latencies.size() + " calls) |");
    await(server.runtime().undeploy(module).otherwiseEmpty());

    assertThat(lostHealthy).as("events lost by healthy modules during " + kind).isZero();
    assertThat(p99).as("gateway p99 for healthy calls during " + kind + " (baseline " + baseline + " ms)")
        .isLessThan(Math.max(P99_BOUND_MS, 3 * baseline));
    assertThat(lostFaulty).as("events the faulty module skipped unseen during " + kind).isZero();
    if (!kind.equals("allocates")) {
      assertThat(restarts).as(module + " quarantined and restarted").isGreaterThanOrEqualTo(1);
    }
  }

  private static String happened(String kind, long timeouts, long restarts) {
    String outcome = switch (kind) {
      case "throws" -> "every call failed; failure budget (5 in 10 s) spent";
      case "sleeps" -> "call timed out at 300 ms; stuck at 600 ms; thread interrupted";
      case "loops" -> "call timed out; stuck; not restarted until the 1.5 s loop ended (in-process cannot stop it)";
      case "floods" -> "held to 100 emits/s and 50 log lines/s; refused emits failed its calls";
      case "allocates" -> "NOT contained in-process: heap is shared (held to 64 MB here); needs process mode";
      default -> "queries answered 504 at 300 ms, then 503 while in quarantine";
    };
    return outcome + "; timeouts " + timeouts + ", restarts " + restarts;
  }

  private void trigger(String kind) throws Exception {
    int count = switch (kind) {
      case "floods" -> 7;
      case "silent", "throws" -> 0;
      default -> 1;
    };
    JsonArray batch = new JsonArray();
    for (int i = 0; i < count; i++) {
      batch.add(new JsonObject().put("event_type", "chaos." + kind).put("username", "chaos")
          .put("event_source", "server").put("n", i));
    }
    if (!batch.isEmpty()) {
      post(batch);
      batch.forEach(e -> orderedIds.add(EventIds.of((JsonObject) e).toString()));
      triggers += count;
    }
    if (kind.equals("silent")) {
      for (int i = 0; i < 8; i++) {
        HTTP.send(HttpRequest.newBuilder(uri("/queries/chaos-silent/never")).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.discarding());
      }
    }
  }

  // Waits until the faulty module runs and has no event left in the log; answers how many still wait after 20 s.
  private long awaitCaughtUp(String module) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    long lag;
    do {
      lag = metricSum("anserv_module_lag_events", module);
      boolean running = metricSum("anserv_module_quarantined", module) == 0 && lag >= 0
          && HTTP.send(HttpRequest.newBuilder(uri("/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body()
              .contains("anserv_module_lag_events{feed=\"realtime\",module=\"" + module + "\"");
      if (running && lag == 0) {
        return 0;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < until);
    return Math.max(lag, 1);
  }

  // Events posted so far that the faulty module's cursor passed without the module ever being given them. Events
  // still ahead of its cursor wait in the log and are not lost; they are the ones delivered in log order last.
  private long lost(String module) {
    Set<String> attempted = ATTEMPTED.getOrDefault(module, Set.of());
    long lost = 0;
    boolean seenLater = false;
    for (int i = orderedIds.size() - 1; i >= 0; i--) {
      boolean got = attempted.contains(orderedIds.get(i));
      seenLater |= got;
      if (!got && seenLater) {
        lost++;
      }
    }
    return lost;
  }

  private static void sample(List<Long> latencies, AtomicBoolean sampling) {
    while (sampling.get()) {
      long start = System.nanoTime();
      try {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/queries/counts/total"))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } else {
          latencies.add(10_000L);
        }
        Thread.sleep(20);
      } catch (Exception e) {
        latencies.add(10_000L);
      }
    }
  }

  private static long percentile(List<Long> values, int p) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private void awaitCounted(long expected) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < until) {
      try {
        if (getLong("/queries/counts/total") >= expected) {
          return;
        }
      } catch (java.net.http.HttpTimeoutException | AssertionError slow) {
        System.out.println("counts/total did not answer: " + slow.getMessage() + "; counts stats: "
            + HTTP.send(HttpRequest.newBuilder(uri("/modules/counts/stats")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
      }
      Thread.sleep(100);
    }
  }

  private static void post(JsonArray events) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/events"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(events.encode()))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
  }

  private static long getLong(String path) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return Long.parseLong(response.body().strip());
  }

  private static long metric(String name, String module) throws Exception {
    return metricSum(name, module);
  }

  // Sums every series of {@code name} labelled with {@code module} in the Prometheus text of /metrics.
  private static long metricSum(String name, String module) throws Exception {
    String text = HTTP.send(HttpRequest.newBuilder(uri("/metrics")).build(), HttpResponse.BodyHandlers.ofString())
        .body();
    double sum = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith(name + "{") && line.contains("module=\"" + module + "\"")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return (long) sum;
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("timed out", e);
    }
  }
}
