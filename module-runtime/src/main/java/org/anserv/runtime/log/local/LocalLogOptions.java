package org.anserv.runtime.log.local;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of the local log.
 *
 * @param directory where the segment files live; created if absent
 * @param durability what an acknowledged append survives
 * @param queueBytes the most payload bytes waiting for the writer, at least 64 KiB; beyond it appends fail fast
 *     with {@code LogUnavailableException} (QUEUE_FULL) instead of growing memory. A single batch larger than this
 *     is refused as a bad argument, since no retry could succeed
 * @param segmentBytes the size at which the active segment is sealed and a new one started (the unit retention
 *     deletes); from 1 KiB to 1 GiB
 * @param dedupWindow how many of the latest ids are remembered for deduplication: at least the newest
 *     {@code dedupWindow / 2} and at most {@code dedupWindow}; about 32 bytes of heap each. An event whose original
 *     is older than the window is stored again
 * @param retention how much history to keep
 */
public record LocalLogOptions(
    Path directory,
    Durability durability,
    long queueBytes,
    long segmentBytes,
    int dedupWindow,
    Retention retention) {

  /** Default queue: 64 MiB of payload. */
  public static final long DEFAULT_QUEUE_BYTES = 64L << 20;
  /** Default segment size: 128 MiB. */
  public static final long DEFAULT_SEGMENT_BYTES = 128L << 20;
  /** Default dedup window: 2^20 ids (about 32 MiB of heap; at 1,000 events/s, 9 to 17 minutes of history). */
  public static final int DEFAULT_DEDUP_WINDOW = 1 << 20;

  /** Checks the settings. */
  public LocalLogOptions {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(durability, "durability");
    Objects.requireNonNull(retention, "retention");
    if (queueBytes < 64 * 1024) {
      throw new IllegalArgumentException("queueBytes must be at least 64 KiB, got " + queueBytes);
    }
    if (segmentBytes < 1024 || segmentBytes > (1L << 30)) {
      throw new IllegalArgumentException("segmentBytes must be from 1 KiB to 1 GiB, got " + segmentBytes);
    }
    if (dedupWindow < 2) {
      throw new IllegalArgumentException("dedupWindow must be at least 2, got " + dedupWindow);
    }
  }

  /**
   * The defaults: fsync, 64 MiB queue, 128 MiB segments, 2^20 ids remembered, keep everything.
   *
   * @param directory where the log lives
   * @return the options
   */
  public static LocalLogOptions defaults(Path directory) {
    return new LocalLogOptions(directory, Durability.FSYNC, DEFAULT_QUEUE_BYTES, DEFAULT_SEGMENT_BYTES,
        DEFAULT_DEDUP_WINDOW, Retention.forever());
  }

  /** Returns a copy with this durability. */
  public LocalLogOptions withDurability(Durability value) {
    return new LocalLogOptions(directory, value, queueBytes, segmentBytes, dedupWindow, retention);
  }

  /** Returns a copy with this queue size in bytes. */
  public LocalLogOptions withQueueBytes(long value) {
    return new LocalLogOptions(directory, durability, value, segmentBytes, dedupWindow, retention);
  }

  /** Returns a copy with this segment size in bytes. */
  public LocalLogOptions withSegmentBytes(long value) {
    return new LocalLogOptions(directory, durability, queueBytes, value, dedupWindow, retention);
  }

  /** Returns a copy with this dedup window in ids. */
  public LocalLogOptions withDedupWindow(int value) {
    return new LocalLogOptions(directory, durability, queueBytes, segmentBytes, value, retention);
  }

  /** Returns a copy with this retention. */
  public LocalLogOptions withRetention(Retention value) {
    return new LocalLogOptions(directory, durability, queueBytes, segmentBytes, dedupWindow, value);
  }
}
