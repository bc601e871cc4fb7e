package org.anserv.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One timed run: durable events per second, process CPU per event, and append latency percentiles.
 *
 * @param eventsPerSecond events acknowledged per second of wall time
 * @param cpuMicrosPerEvent process CPU time (all threads, GC included) per event
 * @param p50Millis median latency of one append call
 * @param p99Millis 99th percentile latency of one append call
 */
record Measurement(double eventsPerSecond, double cpuMicrosPerEvent, double p50Millis, double p99Millis) {

  static Measurement of(long events, long wallNanos, long cpuNanos, long[] latencyNanos) {
    long[] sorted = latencyNanos.clone();
    Arrays.sort(sorted);
    return new Measurement(events * 1e9 / wallNanos, cpuNanos / 1e3 / events, percentile(sorted, 0.50) / 1e6,
        percentile(sorted, 0.99) / 1e6);
  }

  private static double percentile(long[] sorted, double quantile) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))];
  }

  /** "min / median / max" of one figure over several runs. */
  static String spread(List<Measurement> runs, ToDoubleFunction<Measurement> figure, String format) {
    double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
    return String.format(format, values[0]) + " / " + String.format(format, values[values.length / 2]) + " / "
        + String.format(format, values[values.length - 1]);
  }

  /** The median of one figure over several runs. */
  static String median(List<Measurement> runs, ToDoubleFunction<Measurement> figure, String format) {
    double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
    return String.format(format, values[values.length / 2]);
  }
}
