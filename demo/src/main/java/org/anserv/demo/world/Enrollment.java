package org.anserv.demo.world;

import java.time.Instant;

/**
 * The plan of one learner's enrollment in one course: when they enroll, in which mode, whether they upgrade or
 * unenroll, and when they stop coming back.
 *
 * @param index the enrollment's 0-based position in the world (ordered by learner, then course)
 * @param learner the learner
 * @param course the course
 * @param enrollDay the day (0-based) of enrollment
 * @param enrolledAt the moment of enrollment ({@code student_courseenrollment.created})
 * @param mode the mode chosen at enrollment: {@code audit}, {@code honor} or {@code verified}
 * @param upgradeDay the day the learner upgrades to {@code verified}, or -1
 * @param unenrollDay the day the learner unenrolls, or -1
 * @param lastActiveDay the last day the learner may be active in the course (dropout); at most the last day
 */
public record Enrollment(int index, Learner learner, Course course, int enrollDay, Instant enrolledAt, String mode,
    int upgradeDay, int unenrollDay, int lastActiveDay) {

  /** The mode at the end of the period. */
  public String finalMode() {
    return upgradeDay >= 0 ? "verified" : mode;
  }

  /** The mode on {@code day}. */
  public String modeOn(int day) {
    return upgradeDay >= 0 && day >= upgradeDay ? "verified" : mode;
  }

  /** Whether the enrollment is still active at the end of the period ({@code is_active}). */
  public boolean activeAtEnd() {
    return unenrollDay < 0;
  }

  /** Whether the learner may have a study session on {@code day}. */
  public boolean mayStudyOn(int day) {
    return day >= enrollDay && day <= lastActiveDay && (unenrollDay < 0 || day < unenrollDay);
  }
}
