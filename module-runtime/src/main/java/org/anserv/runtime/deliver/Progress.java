package org.anserv.runtime.deliver;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs the progress of a feed catching up with the log (replay, backfill) every few seconds, and its end. */
final class Progress {

  private static final Logger LOG = LoggerFactory.getLogger("anserv.feed");
  private static final long EVERY_NANOS = 2_000_000_000L;

  private final String module;
  private final String feed;
  private long startOffset = -1;
  private long startNanos;
  private long lastReport;

  Progress(String module, String feed) {
    this.module = module;
    this.feed = feed;
  }

  void started(long cursor, long end) {
    if (end > cursor) {
      startOffset = cursor;
      startNanos = lastReport = System.nanoTime();
      LOG.atInfo().addKeyValue("module", module).addKeyValue("feed", feed)
          .log("Catching up with the log: {} events, from offset {} to {}", end - cursor, cursor, end);
    }
  }

  void advanced(long cursor, long end) {
    long now = System.nanoTime();
    if (startOffset >= 0 && now - lastReport > EVERY_NANOS) {
      lastReport = now;
      long done = cursor - startOffset;
      long total = end - startOffset;
      LOG.atInfo().addKeyValue("module", module).addKeyValue("feed", feed)
          .log("Catching up: {}/{} events ({}%), {} events/s", done, total, total == 0 ? 100 : done * 100 / total,
              rate(done, now));
    }
  }

  void caughtUp(long cursor) {
    if (startOffset >= 0 && cursor > startOffset) {
      long done = cursor - startOffset;
      LOG.atInfo().addKeyValue("module", module).addKeyValue("feed", feed)
          .log("Caught up with the log: {} events in {} ms ({} events/s)", done,
              (System.nanoTime() - startNanos) / 1_000_000, rate(done, System.nanoTime()));
      startOffset = -1;
    }
  }

  private long rate(long events, long now) {
    long nanos = Math.max(1, now - startNanos);
    return events * 1_000_000_000L / nanos;
  }
}
