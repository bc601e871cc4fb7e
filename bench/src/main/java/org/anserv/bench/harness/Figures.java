package org.anserv.bench.harness;

import java.util.Locale;

/**
 * One line of the harness's report: a scenario's throughput and latency, its ratio to the raw limit measured in the
 * same run, and the memory it reached. Figures that do not apply are {@code NaN} and print as "-".
 *
 * @param scenario the scenario's number and name, e.g. "2 intake"
 * @param variant what varied within the scenario, e.g. "batch 100 x 16 connections"
 * @param eventsPerSecond events per second (for queries: calls per second)
 * @param p50Millis median latency of one request
 * @param p99Millis 99th percentile
 * @param p999Millis 99.9th percentile
 * @param ratio events per second divided by the raw limit's
 * @param heapMiB peak used heap during the scenario
 * @param rssMiB peak resident set size of the process during the scenario
 * @param note what else the scenario saw (lag, failures, counts)
 */
record Figures(String scenario, String variant, double eventsPerSecond, double p50Millis, double p99Millis,
    double p999Millis, double ratio, long heapMiB, long rssMiB, String note) {

  /** Latency figures of {@code run} with its throughput. */
  static Figures of(String scenario, String variant, LoadRun run, double rawLimit, MemoryWatch memory, String note) {
    return new Figures(scenario, variant, run.eventsPerSecond(), run.millisAt(50), run.millisAt(99),
        run.millisAt(99.9), run.eventsPerSecond() / rawLimit, memory.peakHeapMiB(), memory.peakRssMiB(),
        run.failed() == 0 ? note : note + (note.isEmpty() ? "" : "; ") + run.failed() + " of " + run.requests()
            + " requests failed (last status " + run.lastFailure() + ")");
  }

  /** The line printed for this scenario. */
  String line() {
    return String.format(Locale.ROOT, "%-14s %-34s %12s ev/s  p50 %8s  p99 %8s  p999 %8s ms  ratio %5s  heap %5d MiB"
            + "  rss %5d MiB  %s", scenario, variant, number(eventsPerSecond, "%,.0f"), number(p50Millis, "%.2f"),
        number(p99Millis, "%.2f"), number(p999Millis, "%.2f"), number(ratio, "%.3f"), heapMiB, rssMiB, note);
  }

  /** The same as a Markdown table row, for BENCHMARKS.md. */
  String tableRow() {
    return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %d | %d | %s |", scenario, variant,
        number(eventsPerSecond, "%,.0f"), number(p50Millis, "%.2f"), number(p99Millis, "%.2f"),
        number(p999Millis, "%.2f"), number(ratio, "%.3f"), heapMiB, rssMiB, note);
  }

  /** The header of {@link #tableRow()}. */
  static String tableHeader() {
    return "| scenario | variant | events/s | p50 ms | p99 ms | p999 ms | ratio to raw | peak heap MiB | peak RSS MiB"
        + " | notes |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---|";
  }

  private static String number(double value, String format) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
  }
}
