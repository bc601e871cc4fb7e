package org.anserv.bench.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The targets of the benchmarks issue, checked against one run's lines: each says the target, what this run
 * measured, and the gap. Only lines measured in the same run are compared, so the machine's load cancels out of the
 * ratios.
 */
final class Targets {

  private static final Pattern LIVE_HEAP = Pattern.compile("heap live after GC (\\d+) MiB");

  private Targets() {
  }

  /** One line per target the run has figures for. */
  static List<String> check(List<Figures> lines) {
    List<String> out = new ArrayList<>();
    Optional<Figures> raw = first(lines, "1 raw", "");
    Optional<Figures> intake = first(lines, "2 intake", "");
    Optional<Figures> queued = first(lines, "3 queued", "world");
    Optional<Figures> realtime = first(lines, "4 realtime", "");
    if (raw.isPresent() && intake.isPresent()) {
      out.add(ratio("intake-only >= 25% of the raw limit", intake.get().eventsPerSecond()
          / raw.get().eventsPerSecond(), 0.25));
    }
    if (intake.isPresent() && queued.isPresent()) {
      out.add(ratio("full system queued >= 50% of intake-only", queued.get().eventsPerSecond()
          / intake.get().eventsPerSecond(), 0.50));
    }
    queued.ifPresent(q -> out.add(String.format(Locale.ROOT, "%-44s measured %,.0f ev/s, target 50,000: %s",
        ">= 50,000 events/s with all standard modules", q.eventsPerSecond(), q.eventsPerSecond() >= 50_000 ? "met"
            : String.format(Locale.ROOT, "%.0fx short", 50_000 / q.eventsPerSecond()))));
    realtime.ifPresent(r -> out.add(String.format(Locale.ROOT, "%-44s measured p99 %.2f ms (%s), target 10 ms: %s",
        "hard realtime p99 <= 10 ms at 1,000 events/s", r.p99Millis(), r.variant(), r.p99Millis() <= 10 ? "met"
            : String.format(Locale.ROOT, "%.1fx over", r.p99Millis() / 10))));
    List<Figures> replays = lines.stream().filter(f -> f.variant().startsWith("replay")).toList();
    if (replays.size() > 1) {
      // The peak of used heap only says how far the collector let garbage pile up (to -Xmx when it can): what stays
      // live after a full collection is what would grow with the log.
      Figures small = replays.getFirst();
      Figures large = replays.getLast();
      long smallLive = liveHeapMiB(small);
      long largeLive = liveHeapMiB(large);
      out.add(String.format(Locale.ROOT, "%-44s live heap after GC %d MiB (%s) vs %d MiB (%s): %s",
          "memory bounded while replaying", smallLive, small.variant(), largeLive, large.variant(),
          smallLive < 0 || largeLive < 0 ? "not measured" : largeLive <= 2 * Math.max(64, smallLive)
              ? "bounded (within 2x)" : "grows with the log"));
    }
    return out;
  }

  private static long liveHeapMiB(Figures replay) {
    Matcher live = LIVE_HEAP.matcher(replay.note());
    return live.find() ? Long.parseLong(live.group(1)) : -1;
  }

  private static String ratio(String target, double measured, double goal) {
    return String.format(Locale.ROOT, "%-44s measured %.3f, target %.2f: %s", target, measured, goal,
        measured >= goal ? "met" : String.format(Locale.ROOT, "%.1fx short", goal / measured));
  }

  private static Optional<Figures> first(List<Figures> lines, String scenario, String variantPrefix) {
    return lines.stream().filter(f -> f.scenario().equals(scenario) && f.variant().startsWith(variantPrefix))
        .findFirst();
  }
}
