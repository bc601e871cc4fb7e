package org.anserv.modules.problems;

/**
 * A part over a whole, reported as the generator's true figures are: rounded to 4 decimals, and {@code null} when
 * the whole is zero (a rate of nothing is unknown, not 0).
 *
 * @param part the numerator
 * @param whole the denominator
 */
record Ratio(double part, double whole) {

  /** The ratio rounded to 4 decimals, or {@code null} when {@code whole} is 0. */
  Double value() {
    return whole == 0 ? null : rounded(part / whole);
  }

  /** {@code value} rounded to 4 decimals. */
  static double rounded(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }

  /** A rate as a percentage with one decimal ({@code 61.2%}), or a dash when it is unknown. */
  static String percent(Double rate) {
    return rate == null ? "–" : String.format(java.util.Locale.ROOT, "%.1f%%", rate * 100);
  }
}
