package org.anserv.demo;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The size and seed of a demo world. The same spec always gives the same world, byte for byte.
 *
 * @param seed the random seed
 * @param courses how many courses (1 to 50)
 * @param students how many learners (1 to 1,000,000); each enrolls in one or more courses
 * @param days how many days of activity the tracking log covers (1 to 3,650)
 * @param startDate the first day of activity (UTC); every course starts that day
 */
public record DemoSpec(long seed, int courses, int students, int days, LocalDate startDate) {

  /** The default seed. */
  public static final long DEFAULT_SEED = 42;
  /** The default first day. */
  public static final LocalDate DEFAULT_START = LocalDate.of(2026, 1, 5);

  /** Checks the ranges. */
  public DemoSpec {
    Objects.requireNonNull(startDate, "startDate");
    check("courses", courses, 1, 50);
    check("students", students, 1, 1_000_000);
    check("days", days, 1, 3_650);
  }

  /** The default demo: 2 courses, 200 students, 30 days from {@link #DEFAULT_START}, seed 42 (about 40k events). */
  public static DemoSpec defaults() {
    return new DemoSpec(DEFAULT_SEED, 2, 200, 30, DEFAULT_START);
  }

  /** The last day of activity. */
  public LocalDate endDate() {
    return startDate.plusDays(days - 1L);
  }

  private static void check(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
    }
  }
}
