package org.anserv.runtime.cron;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fixed interval such as {@code 30s}.
 *
 * @param period the time between runs
 * @param text the interval as written
 */
public record Interval(Duration period, String text) implements Schedule {

  private static final Pattern FORM = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");

  /** Parses {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}. */
  public static Interval parse(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("has every = \"" + text + "\", which is not an interval: write a number and"
          + " a unit, ms, s, m, h or d, e.g. \"30s\" or \"5m\"");
    }
    long amount = Long.parseLong(m.group(1));
    Duration period = switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
    if (period.toMillis() < 10) {
      throw new IllegalArgumentException("has every = \"" + text + "\": the shortest interval is 10ms");
    }
    return new Interval(period, text.strip());
  }

  @Override
  public Instant next(Instant now) {
    return now.plus(period);
  }

  @Override
  public String describe() {
    return "every " + text;
  }
}
