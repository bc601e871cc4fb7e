package org.anserv.runtime.log.local;

import java.time.Duration;

/**
 * How much history the log keeps. Whole sealed segments are deleted, oldest first, so the log keeps up to one
 * segment more than asked; the active segment is never deleted.
 *
 * @param maxAge delete a segment once its newest record is older than this; null for no age limit
 * @param maxBytes delete the oldest segments while the log is larger than this; {@link Long#MAX_VALUE} for no
 *     size limit
 */
public record Retention(Duration maxAge, long maxBytes) {

  /** Checks the limits make sense. */
  public Retention {
    if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
      throw new IllegalArgumentException("Retention maxAge must be positive, got " + maxAge);
    }
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("Retention maxBytes must be positive, got " + maxBytes);
    }
  }

  /** Keeps everything: the default. */
  public static Retention forever() {
    return new Retention(null, Long.MAX_VALUE);
  }

  /**
   * Keeps records younger than {@code maxAge}.
   *
   * @param maxAge positive
   * @return the retention
   */
  public static Retention maxAge(Duration maxAge) {
    return new Retention(maxAge, Long.MAX_VALUE);
  }

  /**
   * Keeps the newest {@code maxBytes} (rounded up to whole segments).
   *
   * @param maxBytes positive
   * @return the retention
   */
  public static Retention maxBytes(long maxBytes) {
    return new Retention(null, maxBytes);
  }

  /** Returns whether this keeps everything. */
  public boolean keepsEverything() {
    return maxAge == null && maxBytes == Long.MAX_VALUE;
  }
}
