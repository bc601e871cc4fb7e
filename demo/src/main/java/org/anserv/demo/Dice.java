package org.anserv.demo;

import java.util.List;

/**
 * The demo's only source of randomness: SplitMix64 written out here, with {@link StrictMath} for the few
 * transcendental functions, so that one seed gives the same world, byte for byte, on every JVM and version. Each
 * part of the world draws from its own stream ({@link #of(long, long...)}), so adding a learner or a day does not
 * reshuffle everything else.
 */
public final class Dice {

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private long state;

  /** A stream starting from {@code seed}. */
  public Dice(long seed) {
    this.state = seed;
  }

  /** An independent stream for the part of the world named by {@code keys} (e.g. stream id, learner, day). */
  public static Dice of(long seed, long... keys) {
    long mixed = mix(seed);
    for (long key : keys) {
      mixed = mix(mixed ^ mix(key + GOLDEN_GAMMA));
    }
    return new Dice(mixed);
  }

  /** The next 64 random bits. */
  public long nextLong() {
    return mix(state += GOLDEN_GAMMA);
  }

  /** A uniform integer in {@code [0, bound)}; {@code bound} must be positive. */
  public int below(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    return (int) Long.remainderUnsigned(nextLong(), bound);
  }

  /** A uniform integer in {@code [low, high]}. */
  public int between(int low, int high) {
    return low + below(high - low + 1);
  }

  /** A uniform double in {@code [0, 1)}. */
  public double unit() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** A uniform double in {@code [low, high)}. */
  public double uniform(double low, double high) {
    return low + (high - low) * unit();
  }

  /** True with probability {@code p}. */
  public boolean chance(double p) {
    return unit() < p;
  }

  /** A standard normal value (Box-Muller). */
  public double gaussian() {
    double u = 1.0 - unit();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u)) * StrictMath.cos(2.0 * StrictMath.PI * unit());
  }

  /** An exponentially distributed value with the given mean. */
  public double exponential(double mean) {
    return -mean * StrictMath.log(1.0 - unit());
  }

  /** One element of {@code items}, uniformly. */
  public <T> T pick(List<T> items) {
    return items.get(below(items.size()));
  }

  /** One element of {@code items}, chosen with the given relative weights. */
  public <T> T weighted(List<T> items, double... weights) {
    double total = 0;
    for (double weight : weights) {
      total += weight;
    }
    double point = unit() * total;
    for (int i = 0; i < items.size() - 1; i++) {
      point -= weights[i];
      if (point < 0) {
        return items.get(i);
      }
    }
    return items.get(items.size() - 1);
  }

  /** {@code length} random lowercase hex digits, as in edX block ids and session ids. */
  public String hex(int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = HEX[below(16)];
    }
    return new String(chars);
  }

  /** {@code length} characters drawn from {@code alphabet}. */
  public String text(String alphabet, int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = alphabet.charAt(below(alphabet.length()));
    }
    return new String(chars);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
