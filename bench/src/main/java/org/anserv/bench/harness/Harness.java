package org.anserv.bench.harness;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.anserv.bench.harness.HarnessOptions.Scenario;

/**
 * The benchmark harness: runs the scenarios of BENCHMARKS.md against a whole server in this JVM, replaying the demo
 * world's events over HTTP on loopback, and prints one line of figures per scenario (ratio to the raw limit measured
 * in the same run, peak heap and RSS). Run with {@code bench/run}; see BENCHMARKS.md.
 */
public final class Harness {

  private Harness() {
  }

  public static void main(String[] args) throws Exception {
    HarnessOptions options;
    try {
      options = HarnessOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    List<Figures> figures = run(options);
    System.exit(figures.isEmpty() ? 1 : 0);
  }

  /** Runs what {@code options} asks for; answers every line printed. */
  static List<Figures> run(HarnessOptions options) throws Exception {
    long started = System.nanoTime();
    try (MemoryWatch memory = new MemoryWatch()) {
      Report report = new Report(memory, String.format(Locale.ROOT, "scale %s, scenarios %s, batch %d x %d,"
          + " mongo %s, sql %s", options.scale().name(), options.scenarios(), options.batch(),
          options.concurrency(), options.mongo(), options.sql()));
      report.say(String.format(Locale.ROOT, "anserv bench: scale %s on %d cores, load average %s, max heap %d MiB",
          options.scale().name(), Runtime.getRuntime().availableProcessors(), Report.load(),
          Runtime.getRuntime().maxMemory() >> 20));
      Path worlds = options.work().resolve("worlds");
      List<String> sample = WorldCache.of(options.scale().sample(), worlds).sample(50_000);
      RawLimit.run(report, sample, Math.min(options.seconds(), 5));
      if (options.runs(Scenario.INTAKE)) {
        IntakeOnly.run(report, options, sample);
      }
      if (options.runs(Scenario.QUEUED) || options.runs(Scenario.REALTIME) || options.runs(Scenario.QUERIES)) {
        FullSystem.run(report, options, WorldCache.of(options.scale().world(), worlds), sample);
      }
      if (options.runs(Scenario.GROWTH)) {
        Growth.run(report, options, sample);
      }
      for (String target : Targets.check(report.lines())) {
        report.say("target: " + target);
      }
      report.say(String.format(Locale.ROOT, "done in %.0f s, load average %s", (System.nanoTime() - started) / 1e9,
          Report.load()));
      if (options.out() != null) {
        report.write(options.out());
        report.say("table written to " + options.out());
      }
      return report.lines();
    }
  }
}
