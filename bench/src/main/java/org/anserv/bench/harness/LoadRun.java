package org.anserv.bench.harness;

import org.HdrHistogram.Histogram;

/**
 * What one run of the load generator measured.
 *
 * @param events events in POSTs answered 2xx
 * @param requests POSTs answered, whatever the status (or failed to connect)
 * @param failed POSTs not answered 2xx
 * @param lastFailure the last non-2xx status seen, -1 for a connection failure, 0 when none failed
 * @param seconds wall time from the first POST to the last answer
 * @param latency per POST, microseconds: from sending (closed loop) or from when it was due (open loop)
 */
record LoadRun(long events, long requests, long failed, int lastFailure, double seconds, Histogram latency) {

  /** Events answered 2xx per second of wall time. */
  double eventsPerSecond() {
    return events / seconds;
  }

  /** The latency at {@code percentile} (0–100) in milliseconds. */
  double millisAt(double percentile) {
    return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile) / 1000.0;
  }
}
