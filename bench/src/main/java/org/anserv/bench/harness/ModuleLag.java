package org.anserv.bench.harness;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * How far the modules' feeds are behind the log, read as an operator would: the sum of every
 * {@code anserv_module_lag_events} series on the server's {@code /metrics}.
 */
final class ModuleLag {

  private static final String SERIES = "anserv_module_lag_events{";

  private final LoadGenerator http;

  ModuleLag(LoadGenerator http) {
    this.http = http;
  }

  /** The events behind, summed over every module and feed. */
  long total() {
    LoadGenerator.Answer answer = http.get("/metrics").timeout(120, TimeUnit.SECONDS).await();
    if (answer.status() != 200) {
      throw new IllegalStateException("/metrics answered " + answer.status() + ": " + answer.body());
    }
    long lag = 0;
    for (String line : answer.body().toString(StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith(SERIES)) {
        lag += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return lag;
  }

  /** Starts reading the lag every 250 ms on a daemon thread until {@link Watch#stop()}, which answers the peak. */
  Watch watch() {
    Watch watch = new Watch();
    watch.thread = Thread.ofPlatform().daemon().name("bench-lag-watch").start(() -> {
      while (!watch.stopped) {
        try {
          long lag = total();
          watch.last = lag;
          watch.peak = Math.max(watch.peak, lag);
          Thread.sleep(250);
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          // A reading that timed out under load is skipped; the next one counts.
        }
      }
    });
    return watch;
  }

  /** A running watch of the lag. */
  static final class Watch {
    private volatile boolean stopped;
    private volatile long peak;
    private volatile long last;
    private Thread thread;

    /** Stops watching; answers the highest lag read. */
    long stop() throws InterruptedException {
      stopped = true;
      thread.join();
      return peak;
    }

    /** The latest reading. */
    long last() {
      return last;
    }
  }

  /**
   * Waits until no feed is behind for two readings in a row, at most {@code timeoutSeconds}; answers the highest lag
   * seen while waiting, or -1 when it was still behind at the timeout.
   */
  long awaitDrained(double timeoutSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + (long) (timeoutSeconds * 1e9);
    long highest = 0;
    int zeros = 0;
    while (System.nanoTime() < deadline) {
      long lag;
      try {
        lag = total();
      } catch (Exception e) {
        // A scrape that timed out on a saturated machine says nothing about the lag: read again.
        continue;
      }
      highest = Math.max(highest, lag);
      zeros = lag == 0 ? zeros + 1 : 0;
      if (zeros == 2) {
        return highest;
      }
      Thread.sleep(100);
    }
    return -1;
  }
}
