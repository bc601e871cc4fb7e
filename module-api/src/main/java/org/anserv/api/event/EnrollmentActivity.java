package org.anserv.api.event;

import java.util.Objects;
import java.util.Optional;

/**
 * An enrollment change. The learner is the payload's {@code user_id}, not the event's {@code username}, which may be
 * empty, {@code "anonymous"} (management commands) or the staff member who made the change.
 *
 * @param action what happened
 * @param userId the enrolled learner's numeric id (payload {@code user_id}, a number or a numeric string)
 * @param username the enrolled learner's username, when the payload names it
 * @param courseId the course (payload {@code course_id}, else the event's course)
 * @param mode the enrollment mode after the change: {@code audit}, {@code verified}, {@code honor},
 *     {@code professional}, ...
 */
public record EnrollmentActivity(
    EnrollmentAction action,
    Optional<Long> userId,
    Optional<String> username,
    Optional<String> courseId,
    Optional<String> mode) {

  /** Checks that no component is null. */
  public EnrollmentActivity {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(courseId, "courseId");
    Objects.requireNonNull(mode, "mode");
  }
}
