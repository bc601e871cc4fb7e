package org.anserv.bench.harness;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.anserv.demo.DemoSpec;

/**
 * How big a harness run is: the worlds, how long each timed phase lasts, and the steps of the growth scenario.
 *
 * @param name what it is called on the command line
 * @param world the demo world loaded through every standard module and queried (scenarios 3–5)
 * @param worldEvents how many of its events are sent, spread evenly over it so that every student is seen (the
 *     whole 10k-student world is 371k events: about 20 minutes through every module on 2 cores)
 * @param sample the world whose events are replayed, with fresh ids, where a scenario needs more than one pass
 * @param seconds how long each timed phase runs
 * @param realtimeRate single-event synchronous POSTs per second in scenario 4
 * @param queryCalls calls per query and pass in scenario 5
 * @param moduleCounts how many counting modules subscribe in each step of scenario 6
 * @param growthEvents events posted in each module-count step
 * @param logSizes events in the log in each replay step of scenario 6
 * @param sql whether the embedded MariaDB read-replica runs (it takes 5–25 s to start)
 */
record Scale(String name, DemoSpec world, long worldEvents, DemoSpec sample, double seconds, int realtimeRate,
    int queryCalls, List<Integer> moduleCounts, int growthEvents, List<Integer> logSizes, boolean sql) {

  private static final LocalDate START = DemoSpec.DEFAULT_START;

  /** This scale with other growth steps; an empty list keeps this scale's. */
  Scale withGrowth(List<Integer> modules, List<Integer> logs) {
    return new Scale(name, world, worldEvents, sample, seconds, realtimeRate, queryCalls,
        modules.isEmpty() ? moduleCounts : modules, growthEvents, logs.isEmpty() ? logSizes : logs, sql);
  }

  /** The scale named {@code name}. */
  static Scale named(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "smoke" -> new Scale("smoke", new DemoSpec(42, 1, 10, 2, START), 400,
          new DemoSpec(42, 1, 10, 2, START), 1, 50, 2, List.of(1, 3), 300, List.of(1_000, 3_000), false);
      case "small" -> new Scale("small", DemoSpec.defaults(), Long.MAX_VALUE, DemoSpec.defaults(), 5, 1_000, 20,
          List.of(1, 10), 20_000, List.of(10_000, 100_000), true);
      case "default" -> new Scale("default", new DemoSpec(42, 1, 10_000, 1, START), 30_000, DemoSpec.defaults(),
          10, 1_000, 20, List.of(1, 10, 100), 10_000, List.of(10_000, 100_000, 1_000_000), true);
      default -> throw new IllegalArgumentException("Unknown scale '" + name + "': use smoke, small or default.");
    };
  }
}
