package org.anserv.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.anserv.demo.DemoSpec;
import org.anserv.demo.DemoWorld;
import org.anserv.gateway.AnservServer;
import org.anserv.runtime.log.LogEntry;
import org.anserv.runtime.log.local.LocalEventLog;
import org.anserv.runtime.log.local.LocalLogOptions;
import org.anserv.runtime.route.EventIds;

/**
 * Intake with the durable log, measured in one run beside its ceilings: parsing alone (no HTTP, no storage), the
 * log's own append limit on the same disk, then HTTP intake with fsync at 1-event and 100-event POSTs and several
 * concurrencies (no modules deployed). Prints one line per scenario with its ratio to the parse ceiling.
 *
 * <p>Run: see BENCHMARKS.md, "Intake with the log".
 */
public final class IntakeBench {

  private static final long SECONDS = 5;

  public static void main(String[] args) throws Exception {
    List<String> lines = new ArrayList<>();
    for (Iterator<JsonObject> it = DemoWorld.generate(DemoSpec.defaults()).events(); it.hasNext() && lines.size()
        < 20_000; ) {
      lines.add(it.next().encode());
    }
    System.out.printf(Locale.ROOT, "events: %d demo-world edX events, %.0f bytes on average%n", lines.size(),
        lines.stream().mapToInt(String::length).average().orElse(0));
    double ceiling = parseCeiling(lines);
    System.out.printf(Locale.ROOT, "%-40s %,10.0f events/s (1 core)   ratio 1.00%n", "parse + id, no HTTP, no storage",
        ceiling);
    appendLimit(lines, ceiling);
    Vertx vertx = Vertx.vertx();
    Path data = Files.createTempDirectory("anserv-intake-bench");
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    AnservServer server = AnservServer.start(vertx, new JsonObject().put("http.port", 0)
        .put("data.dir", data.toString()).put("mongo.embedded.storage", "memory").put("modules.discover", false)
        .put("security.enabled", false),
        meters).await(60, TimeUnit.SECONDS);
    try {
      for (int batch : new int[] {1, 100}) {
        for (int concurrency : new int[] {1, 16, 64}) {
          intake(vertx, server.port(), lines, batch, concurrency, ceiling);
        }
      }
    } finally {
      server.close().eventually(vertx::close).await(30, TimeUnit.SECONDS);
    }
    System.out.printf(Locale.ROOT, "heap used %d MiB%n", (Runtime.getRuntime().totalMemory()
        - Runtime.getRuntime().freeMemory()) >> 20);
  }

  private static double parseCeiling(List<String> lines) {
    long events = 0;
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(SECONDS);
    while (System.nanoTime() < deadline) {
      for (String line : lines) {
        EventIds.of(new JsonObject(line));
      }
      events += lines.size();
    }
    return events * 1e9 / (System.nanoTime() - start);
  }

  private static void appendLimit(List<String> lines, double ceiling) throws Exception {
    Path dir = Files.createTempDirectory("anserv-append-bench");
    LocalEventLog log = LocalEventLog.open(LocalLogOptions.defaults(dir), null, null);
    long events = 0;
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(SECONDS);
    int n = 0;
    while (System.nanoTime() < deadline) {
      List<LogEntry> batch = new ArrayList<>(100);
      for (int i = 0; i < 100; i++) {
        String line = lines.get(n++ % lines.size());
        batch.add(new LogEntry(EventIds.digest(n + line), Buffer.buffer(line)));
      }
      log.append(batch).toCompletionStage().toCompletableFuture().get();
      events += 100;
    }
    double rate = events * 1e9 / (System.nanoTime() - start);
    log.close().toCompletionStage().toCompletableFuture().get();
    System.out.printf(Locale.ROOT, "%-40s %,10.0f events/s            ratio %.2f%n",
        "log append, batch 100, fsync, 1 writer", rate, rate / ceiling);
  }

  private static void intake(Vertx vertx, int port, List<String> lines, int batch, int concurrency,
      double ceiling) throws Exception {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultPort(port)
        .setDefaultHost("127.0.0.1").setKeepAlive(true), new PoolOptions().setHttp1MaxSize(concurrency));
    Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(30), 3);
    AtomicLong events = new AtomicLong();
    AtomicLong next = new AtomicLong();
    long cpuBefore = cpuNanos();
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(SECONDS);
    List<Future<Void>> loops = new ArrayList<>();
    for (int c = 0; c < concurrency; c++) {
      Promise<Void> done = Promise.promise();
      vertx.runOnContext(v -> send(client, lines, batch, next, deadline, latency, events, done));
      loops.add(done.future());
    }
    Future.all(loops).await(SECONDS + 60, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    double rate = events.get() / seconds;
    System.out.printf(Locale.ROOT, "%-40s %,10.0f events/s  p50 %6.2f ms  p99 %6.2f ms  cpu %5.1f us/event  ratio %.2f%n",
        "HTTP intake, " + batch + "-event POSTs, concurrency " + concurrency, rate,
        latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
        (cpuNanos() - cpuBefore) / 1e3 / Math.max(1, events.get()), rate / ceiling);
    client.close().await(10, TimeUnit.SECONDS);
  }

  // Each loop sends its next POST when the previous one was answered, until the deadline.
  private static void send(HttpClient client, List<String> lines, int batch, AtomicLong next, long deadline,
      Histogram latency, AtomicLong events, Promise<Void> done) {
    if (System.nanoTime() > deadline) {
      done.complete();
      return;
    }
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < batch; i++) {
      long n = next.getAndIncrement();
      // A distinct id per event: the bench measures storing, not deduplicating.
      JsonObject event = new JsonObject(lines.get((int) (n % lines.size()))).put("id", "bench-" + n);
      body.append(event.encode()).append('\n');
    }
    long sent = System.nanoTime();
    client.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/events")
            .putHeader("Content-Type", "application/x-ndjson"))
        .compose(request -> request.send(body.toString()))
        .compose(response -> response.body().map(b -> response.statusCode()))
        .onComplete(result -> {
          latency.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
          if (result.succeeded() && result.result() == 202) {
            events.addAndGet(batch);
          }
          send(client, lines, batch, next, deadline, latency, events, done);
        });
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
