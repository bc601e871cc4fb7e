package org.anserv.runtime.cron;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;

/**
 * A five-field cron expression, minute hour day-of-month month day-of-week, in UTC. As in classic cron, when both
 * day fields are restricted a day matching either runs.
 *
 * @param text the expression as written
 */
public record CronExpression(String text, BitSet minutes, BitSet hours, BitSet days, BitSet months, BitSet weekdays,
    boolean anyDay, boolean anyWeekday) implements Schedule {

  private static final String[] NAMES = {"minute", "hour", "day-of-month", "month", "day-of-week"};
  private static final int[][] RANGES = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};

  /** Parses an expression such as {@code "*}{@code /15 8-18 * * 1-5"}. */
  public static CronExpression parse(String text) {
    String[] fields = text.strip().split("\\s+");
    if (fields.length != 5) {
      throw new IllegalArgumentException("has expression = \"" + text + "\" with " + fields.length + " fields: write"
          + " five, minute hour day-of-month month day-of-week, e.g. \"0 3 * * *\" for 03:00 UTC daily");
    }
    BitSet[] sets = new BitSet[5];
    for (int i = 0; i < 5; i++) {
      sets[i] = field(fields[i], i, text);
    }
    if (sets[4].get(7)) {
      sets[4].set(0);
    }
    return new CronExpression(text.strip(), sets[0], sets[1], sets[2], sets[3], sets[4],
        fields[2].equals("*"), fields[4].equals("*"));
  }

  @Override
  public Instant next(Instant now) {
    ZonedDateTime t = now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    // Five years of minutes bounds the search: any valid expression matches within that span.
    ZonedDateTime limit = t.plusYears(5);
    while (t.isBefore(limit)) {
      if (!months.get(t.getMonthValue())) {
        t = t.withDayOfMonth(1).withHour(0).withMinute(0).plusMonths(1);
      } else if (!dayMatches(t)) {
        t = t.withHour(0).withMinute(0).plusDays(1);
      } else if (!hours.get(t.getHour())) {
        t = t.withMinute(0).plusHours(1);
      } else if (!minutes.get(t.getMinute())) {
        t = t.plusMinutes(1);
      } else {
        return t.toInstant();
      }
    }
    throw new IllegalStateException("cron expression \"" + text + "\" never matches");
  }

  @Override
  public String describe() {
    return "cron " + text;
  }

  private boolean dayMatches(ZonedDateTime t) {
    boolean day = days.get(t.getDayOfMonth());
    boolean weekday = weekdays.get(t.getDayOfWeek().getValue() % 7);
    if (anyDay || anyWeekday) {
      return day && weekday;
    }
    return day || weekday;
  }

  private static BitSet field(String field, int index, String text) {
    BitSet set = new BitSet();
    int min = RANGES[index][0];
    int max = RANGES[index][1];
    for (String part : field.split(",")) {
      int step = 1;
      String range = part;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        step = number(part.substring(slash + 1), index, text, 1, max);
        range = part.substring(0, slash);
      }
      int from;
      int to;
      if (range.equals("*")) {
        from = min;
        to = max;
      } else if (range.contains("-")) {
        String[] bounds = range.split("-", 2);
        from = number(bounds[0], index, text, min, max);
        to = number(bounds[1], index, text, min, max);
      } else {
        from = number(range, index, text, min, max);
        to = slash >= 0 ? max : from;
      }
      if (from > to) {
        throw bad(index, text, "range " + range + " runs backwards");
      }
      for (int v = from; v <= to; v += step) {
        set.set(v);
      }
    }
    return set;
  }

  private static int number(String s, int index, String text, int min, int max) {
    try {
      int value = Integer.parseInt(s);
      if (value < min || value > max) {
        throw bad(index, text, s + " is outside " + min + "-" + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw bad(index, text, "\"" + s + "\" is not a number");
    }
  }

  private static IllegalArgumentException bad(int index, String text, String why) {
    return new IllegalArgumentException("has expression = \"" + text + "\" whose " + NAMES[index] + " field is"
        + " invalid: " + why);
  }
}
