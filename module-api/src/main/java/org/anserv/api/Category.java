package org.anserv.api;

import java.util.Locale;

/**
 * What a view or query is about; the dashboard groups them by category. Several categories combine (a student's
 * progress in one course is {@code STUDENT + COURSE}). When a method declares none, the runtime guesses from its
 * {@link Param parameters}: none is {@code GLOBAL}, {@code user}/{@code username}/{@code student} is {@code STUDENT},
 * {@code course}/{@code course_id} is {@code COURSE}, {@code video}/{@code problem}/{@code resource} is
 * {@code RESOURCE}.
 */
public enum Category {
  GLOBAL, COURSE, STUDENT, RESOURCE;

  /** The lowercase name used in URLs, the schema and the dashboard. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
