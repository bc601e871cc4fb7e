package org.anserv.gateway.dashboard;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.DoubleStream;
import org.anserv.runtime.shard.Shard;

/**
 * What one module did, read from the same meters {@code /metrics} exports: events handled and failed per handler,
 * view and query calls per endpoint, cron runs, how far behind the event log it is, and its queue depth. Meters a
 * module never touched read as zero.
 *
 * @param handlers per handler, by name
 * @param endpoints per view or query, by kind then name
 * @param crons per cron task, by name
 * @param lagEvents events in the log its feeds have not handled yet, summed over its feeds
 * @param lagSeconds how old the newest event handled is while a feed is behind, the largest over its feeds, to a
 *     tenth of a second; 0 when caught up
 * @param queueDepth calls waiting to run in the module
 * @param timeouts calls into the module that ran past its timeout
 * @param quarantined whether the module is in quarantine now
 * @param restarts restarts after a quarantine
 */
record ModuleStats(String module, List<Count> handlers, List<Count> endpoints, List<Count> crons, long lagEvents,
    double lagSeconds, long queueDepth, long timeouts, boolean quarantined, long restarts) {

  /**
   * Outcomes of one handler, endpoint ({@code kind} {@code view} or {@code query}) or cron task.
   *
   * @param outcomes count per outcome: {@code ok}, {@code failed}, and for calls {@code bad_request} (the
   *     caller's mistake) or {@code refused}, for crons {@code skipped}
   */
  record Count(String kind, String name, Map<String, Long> outcomes) {

    private static final Set<String> NOT_FAILURES = Set.of("ok", "skipped", "bad_request");

    public long total() {
      return outcomes.values().stream().mapToLong(Long::longValue).sum();
    }

    public long ok() {
      return outcomes.getOrDefault("ok", 0L);
    }

    /** Outcomes the module is to blame for. */
    public long failed() {
      return outcomes.entrySet().stream().filter(e -> !NOT_FAILURES.contains(e.getKey()))
          .mapToLong(Map.Entry::getValue).sum();
    }

    JsonObject toJson() {
      JsonObject json = new JsonObject();
      if (!kind.isEmpty()) {
        json.put("kind", kind);
      }
      return json.put("name", name).put("ok", ok()).put("failed", failed())
          .put("outcomes", new JsonObject(new TreeMap<String, Object>(outcomes)));
    }
  }

  /** The statistics of {@code module} in {@code meters}. */
  static ModuleStats of(MeterRegistry meters, String module) {
    return new ModuleStats(module,
        counts(meters, module, "anserv.module.events", c -> "", c -> c.getId().getTag("handler")),
        counts(meters, module, "anserv.module.calls", c -> c.getId().getTag("kind"), c -> c.getId().getTag("name")),
        counts(meters, module, "anserv.module.cron.runs", c -> "", c -> c.getId().getTag("cron")),
        (long) gauges(meters, module, "anserv.module.lag.events").sum(),
        Math.round(gauges(meters, module, "anserv.module.lag.seconds").max().orElse(0) * 10) / 10.0,
        (long) gauges(meters, module, "anserv.module.queue.depth").sum(),
        (long) sum(meters, module, "anserv.module.timeouts"),
        gauges(meters, module, "anserv.module.quarantined").sum() > 0,
        (long) sum(meters, module, "anserv.module.restarts"));
  }

  private static double sum(MeterRegistry meters, String module, String name) {
    return meters.find(name).tag("module", shardsOf(module)).counters().stream().mapToDouble(Counter::count).sum();
  }

  private static DoubleStream gauges(MeterRegistry meters, String module, String name) {
    return meters.find(name).tag("module", shardsOf(module)).gauges().stream().mapToDouble(Gauge::value)
        .filter(value -> !Double.isNaN(value));
  }

  // A module split into shards is metered per shard (module="name#1of8"): its figures add up those on this node.
  private static Predicate<String> shardsOf(String module) {
    return label -> Shard.moduleOf(label).equals(module);
  }

  public long eventsHandled() {
    return handlers.stream().mapToLong(Count::total).sum();
  }

  public long eventsFailed() {
    return handlers.stream().mapToLong(Count::failed).sum();
  }

  public long calls() {
    return endpoints.stream().mapToLong(Count::total).sum();
  }

  public long callsFailed() {
    return endpoints.stream().mapToLong(Count::failed).sum();
  }

  /** The statistics as {@code GET /modules/{name}/stats} answers them. */
  JsonObject toJson() {
    return new JsonObject().put("module", module)
        .put("events", new JsonObject().put("handled", eventsHandled()).put("failed", eventsFailed()))
        .put("lag", new JsonObject().put("events", lagEvents).put("seconds", lagSeconds))
        .put("calls", new JsonObject().put("total", calls()).put("failed", callsFailed()))
        .put("queueDepth", queueDepth)
        .put("health", new JsonObject().put("quarantined", quarantined).put("timeouts", timeouts)
            .put("restarts", restarts))
        .put("handlers", json(handlers)).put("endpoints", json(endpoints)).put("crons", json(crons));
  }

  /** Sums counters per (kind, name) and outcome. */
  private static List<Count> counts(MeterRegistry meters, String module, String meter, Function<Counter, String> kind,
      Function<Counter, String> name) {
    Map<String, Count> byKey = new TreeMap<>();
    for (Counter counter : meters.find(meter).tag("module", shardsOf(module)).counters()) {
      String k = String.valueOf(kind.apply(counter));
      String n = String.valueOf(name.apply(counter));
      Count count = byKey.computeIfAbsent(k + "/" + n, key -> new Count(k, n, new TreeMap<>()));
      count.outcomes().merge(String.valueOf(counter.getId().getTag("outcome")), (long) counter.count(), Long::sum);
    }
    return List.copyOf(byKey.values());
  }

  private static JsonArray json(List<Count> counts) {
    return new JsonArray(counts.stream().map(Count::toJson).toList());
  }
}
