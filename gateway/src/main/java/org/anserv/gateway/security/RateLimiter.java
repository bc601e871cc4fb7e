package org.anserv.gateway.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests per second per credential (or per address for anonymous callers): a token bucket each, refilled
 * continuously, holding one second's worth. Shared by every gateway instance.
 */
public final class RateLimiter {

  private static final int MAX_KEYS = 100_000;

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    private double tokens;
    private long refilledAt;

    Bucket(int rate, long now) {
      this.tokens = rate;
      this.refilledAt = now;
    }

    synchronized long take(int rate, long now) {
      tokens = Math.min(rate, tokens + (now - refilledAt) * rate / 1e9);
      refilledAt = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - tokens) / rate * 1e9);
    }
  }

  /**
   * Takes one request for {@code key} allowed {@code rate} per second.
   *
   * @return 0 when allowed, else how many nanoseconds until the next one is
   */
  public long take(String key, int rate) {
    long now = System.nanoTime();
    if (buckets.size() > MAX_KEYS) {
      buckets.clear();
    }
    return buckets.computeIfAbsent(key, k -> new Bucket(rate, now)).take(rate, now);
  }

  /** {@code Retry-After} in whole seconds for a wait of {@code nanos}, at least 1. */
  public static long retryAfterSeconds(long nanos) {
    return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
  }
}
