package org.anserv.runtime.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The metrics of one module, all labelled {@code module} (Prometheus names):
 * <ul>
 *   <li>{@code anserv_module_events_total{handler, outcome}} events handled ({@code ok}, {@code failed}) and the
 *   histogram {@code anserv_module_handler_seconds{handler}};</li>
 *   <li>{@code anserv_module_calls_total{kind, name, outcome}} view and query calls ({@code ok},
 *   {@code bad_request}, {@code refused}, {@code failed}) and the histogram
 *   {@code anserv_module_call_seconds{kind, name}};</li>
 *   <li>{@code anserv_module_memoize_total{name, outcome}} ({@code hit}, {@code miss});</li>
 *   <li>{@code anserv_module_cron_runs_total{cron, outcome}} ({@code ok}, {@code failed}, {@code skipped}: missed
 *   because the previous run was still going) and {@code anserv_module_cron_next_run_timestamp_seconds{cron}};</li>
 *   <li>gauges {@code anserv_module_queue_depth}, {@code anserv_module_lag_events{feed}},
 *   {@code anserv_module_lag_seconds{feed}};</li>
 *   <li>isolation: {@code anserv_module_timeouts_total{method}}, {@code anserv_module_quarantined} (0 or 1, kept by
 *   the module supervisor),
 *   {@code anserv_module_restarts_total}.</li>
 * </ul>
 * Label values are bounded: names come from the module's definition, never from data. The ok and failed series of
 * every handler, endpoint and cron are registered at zero at deploy, so failure ratios exist before the first failure.
 */
public final class ModuleMetrics {

  private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(25),
      Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
      Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

  private final MeterRegistry registry;
  private final String module;
  private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicLong> cronDue = new ConcurrentHashMap<>();
  private final List<Gauge> gauges = new CopyOnWriteArrayList<>();

  public ModuleMetrics(MeterRegistry registry, String module) {
    this.registry = registry;
    this.module = module;
  }

  /** Registers at zero the outcome series of the module's handlers, views and queries, and crons. */
  public void declare(Collection<String> handlers, Collection<Endpoint> endpoints, Collection<String> crons) {
    for (String handler : handlers) {
      events(handler, "ok");
      events(handler, "failed");
    }
    for (Endpoint endpoint : endpoints) {
      calls(endpoint.kind(), endpoint.name(), "ok");
      calls(endpoint.kind(), endpoint.name(), "failed");
      if (endpoint.memoized()) {
        memo(endpoint.name(), "hit");
        memo(endpoint.name(), "miss");
      }
    }
    for (String cron : crons) {
      List.of("ok", "failed", "skipped").forEach(outcome -> cronRuns(cron, outcome));
    }
  }

  /** A view or query of the module, as labelled in its call series, and whether its results are memoized. */
  public record Endpoint(String kind, String name, boolean memoized) {
  }

  /**
   * Registers the isolation series at zero: a timeout counter per method and the restart counter, so alerts and
   * boards on them have series to read. The quarantine gauge is the supervisor's (deploy/ModuleSupervisor): it must
   * outlive the module's verticle, which is stopped while in quarantine.
   */
  public void isolation(Collection<String> methods) {
    methods.forEach(method -> counter("anserv.module.timeouts", "Calls into the module that timed out",
        "method", method));
    counter("anserv.module.restarts", "Times the module was restarted");
  }

  /** Records a call into {@code method} that ran past the module's timeout ({@code anserv_module_timeouts_total}). */
  public void timedOut(String method) {
    counter("anserv.module.timeouts", "Calls into the module that timed out", "method", method).increment();
  }

  /** Records an event the module tried to emit beyond its emit budget. */
  public void emitRefused() {
    counter("anserv.module.emits.refused", "Events refused because the module emitted beyond its budget")
        .increment();
  }

  /** Records {@code events} handled by {@code handler} in one call, its outcome and how long it took. */
  public void handled(String handler, boolean ok, long nanos, int events) {
    events(handler, ok ? "ok" : "failed").increment(events);
    timer("anserv.module.handler", "Time a handler took per call", "handler", handler)
        .record(Duration.ofNanos(nanos));
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
    calls(kind, name, outcome).increment();
    timer("anserv.module.call", "Time a view or query took per call", "kind", kind, "name", name)
        .record(Duration.ofNanos(nanos));
  }

  /** Records a memoize lookup for {@code name}: a hit or a miss. */
  public void memoized(String name, boolean hit) {
    memo(name, hit ? "hit" : "miss").increment();
  }

  /** Records a cron run of {@code name}: {@code ok}, {@code failed} or {@code skipped} (previous run still going). */
  public void cronRun(String name, String outcome) {
    cronRuns(name, outcome).increment();
  }

  /** Publishes when the cron {@code name} is next due; a time long past means its scheduler is stuck. */
  public void cronDue(String name, Instant due) {
    cronDue.computeIfAbsent(name, n -> {
      AtomicLong millis = new AtomicLong();
      gauges.add(Gauge.builder("anserv.module.cron.next.run.timestamp", millis, m -> m.get() / 1000.0)
          .tag("module", module).tag("cron", n).baseUnit("seconds")
          .description("When the cron is next due, in seconds since the epoch").register(registry));
      return millis;
    }).set(due.toEpochMilli());
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
    cronDue.clear();
  }

  private Counter events(String handler, String outcome) {
    return counter("anserv.module.events", "Events handled, by handler and outcome", "handler", handler,
        "outcome", outcome);
  }

  private Counter memo(String name, String outcome) {
    return counter("anserv.module.memoize", "Memoized results reused (hit) or computed (miss)", "name", name,
        "outcome", outcome);
  }

  private Counter cronRuns(String cron, String outcome) {
    return counter("anserv.module.cron.runs", "Cron runs by outcome; skipped ones were missed", "cron", cron,
        "outcome", outcome);
  }

  private Counter calls(String kind, String name, String outcome) {
    return counter("anserv.module.calls", "View and query calls, by outcome", "kind", kind, "name", name,
        "outcome", outcome);
  }

  private Counter counter(String name, String description, String... tags) {
    String key = name + "\u0000" + String.join("\u0000", tags);
    return counters.computeIfAbsent(key, k -> {
      Counter.Builder builder = Counter.builder(name).description(description).tag("module", module);
      for (int i = 0; i + 1 < tags.length; i += 2) {
        builder.tag(tags[i], tags[i + 1]);
      }
      return builder.register(registry);
    });
  }

  private Timer timer(String name, String description, String... tags) {
    String key = name + "\u0000" + String.join("\u0000", tags);
    return timers.computeIfAbsent(key, k -> {
      Timer.Builder builder = Timer.builder(name).description(description).tag("module", module)
          .serviceLevelObjectives(BUCKETS);
      for (int i = 0; i + 1 < tags.length; i += 2) {
        builder.tag(tags[i], tags[i + 1]);
      }
      return builder.register(registry);
    });
  }
}
