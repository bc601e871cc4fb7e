package org.anserv.modules.activity;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A calendar period students are counted active in: a UTC day ({@code 2026-02-02}) or an ISO week
 * ({@code 2026-W06}: weeks start on Monday and belong to the year of their Thursday). Each period has a collection
 * of presence marks, one per scope, period and student, and a collection of counts, one per scope and period.
 */
enum Period {

  DAY("day", ChronoUnit.DAYS),
  WEEK("week", ChronoUnit.WEEKS);

  private final String field;
  private final ChronoUnit unit;

  Period(String field, ChronoUnit unit) {
    this.field = field;
    this.unit = unit;
  }

  /** The field holding the period's key in both collections: {@code day} or {@code week}. */
  String field() {
    return field;
  }

  /** The collection of presence marks {@code {course, day|week, user, events}}: who was active when. */
  String presence() {
    return field + "_students";
  }

  /** The collection of counts {@code {course, day|week, students}}: how many were active when. */
  String counts() {
    return field + "s";
  }

  /** The key of the period {@code date} falls in. */
  String key(LocalDate date) {
    if (this == DAY) {
      return date.toString();
    }
    return String.format(Locale.ROOT, "%d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR),
        date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  /** Every key from {@code first} to {@code last}, both included, in order: the axis of a chart without gaps. */
  List<String> span(String first, String last) {
    List<String> keys = new ArrayList<>();
    LocalDate end = start(last);
    for (LocalDate date = start(first); !date.isAfter(end); date = date.plus(1, unit)) {
      keys.add(key(date));
    }
    return keys;
  }

  private LocalDate start(String key) {
    return this == DAY ? LocalDate.parse(key) : LocalDate.parse(key + "-1", DateTimeFormatter.ISO_WEEK_DATE);
  }
}
