package org.anserv.runtime.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The metrics of one module, all labelled {@code module}: events handled and failed per handler with latency,
 * calls per view and query with outcome and latency, memoize hits and misses, cron runs, and the depth of its call
 * queue (its lag in calls), calls that timed out, emits refused over budget. Label values are bounded: names
 * come from the module's definition, never from data.
 */
public final class ModuleMetrics {

  private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(25),
      Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(10)};

  private final MeterRegistry registry;
  private final String module;
  private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
  private final java.util.List<Gauge> gauges = new java.util.concurrent.CopyOnWriteArrayList<>();

  public ModuleMetrics(MeterRegistry registry, String module) {
    this.registry = registry;
    this.module = module;
  }

  /** Records {@code events} handled by {@code handler} in one call, its outcome and how long it took. */
  public void handled(String handler, boolean ok, long nanos, int events) {
    counter("anserv.module.events", "handler", handler, "outcome", ok ? "ok" : "failed").increment(events);
    timer("anserv.module.handler", "handler", handler).record(Duration.ofNanos(nanos));
  }

  /** Publishes how far a feed of the module is behind the log: in events, and in seconds. */
  public void lag(String feed, Supplier<Number> events, Supplier<Number> seconds) {
    gauges.add(Gauge.builder("anserv.module.lag.events", events).tag("module", module).tag("feed", feed)
        .description("Events in the log this feed has not handled yet").register(registry));
    gauges.add(Gauge.builder("anserv.module.lag.seconds", seconds).tag("module", module).tag("feed", feed)
        .description("Age of the newest event handled while the feed is behind; 0 when caught up")
        .register(registry));
  }

  /** Records one view or query call with its outcome ({@code ok}, {@code bad_request}, {@code failed}, ...). */
  public void called(String kind, String name, String outcome, long nanos) {
    counter("anserv.module.calls", "kind", kind, "name", name, "outcome", outcome).increment();
    timer("anserv.module.call", "kind", kind, "name", name).record(Duration.ofNanos(nanos));
  }

  /** Records a call into {@code method} that ran past the module's timeout ({@code anserv_module_timeouts_total}). */
  public void timedOut(String method) {
    counter("anserv.module.timeouts", "method", method).increment();
  }

  /** Records an event the module tried to emit beyond its emit budget. */
  public void emitRefused() {
    counter("anserv.module.emits.refused").increment();
  }

  /** Records a memoize lookup for {@code name}: a hit or a miss. */
  public void memoized(String name, boolean hit) {
    counter("anserv.module.memoize", "name", name, "result", hit ? "hit" : "miss").increment();
  }

  /** Records a cron run of {@code name}: {@code ok}, {@code failed} or {@code skipped} (previous run still going). */
  public void cronRun(String name, String outcome) {
    counter("anserv.module.cron.runs", "cron", name, "outcome", outcome).increment();
  }

  /** Publishes the number of calls waiting in the module's queue. */
  public void queueDepth(Supplier<Number> depth) {
    gauges.add(Gauge.builder("anserv.module.queue.depth", depth).tag("module", module)
        .description("Calls waiting to run in the module, its lag in calls").register(registry));
  }

  /** Removes the gauges, which read the stopped module's state; counters and timers keep their totals. */
  public void close() {
    gauges.forEach(registry::remove);
    gauges.clear();
  }

  private Counter counter(String name, String... tags) {
    String key = name + String.join("\u0000", tags);
    return counters.computeIfAbsent(key, k -> {
      Counter.Builder builder = Counter.builder(name).tag("module", module);
      for (int i = 0; i + 1 < tags.length; i += 2) {
        if (!tags[i].isEmpty()) {
          builder.tag(tags[i], tags[i + 1]);
        }
      }
      return builder.register(registry);
    });
  }

  private Timer timer(String name, String... tags) {
    String key = name + String.join("\u0000", tags);
    return timers.computeIfAbsent(key, k -> {
      Timer.Builder builder = Timer.builder(name).tag("module", module).serviceLevelObjectives(BUCKETS);
      for (int i = 0; i + 1 < tags.length; i += 2) {
        builder.tag(tags[i], tags[i + 1]);
      }
      return builder.register(registry);
    });
  }
}
