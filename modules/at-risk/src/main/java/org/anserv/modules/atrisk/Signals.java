package org.anserv.modules.atrisk;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/**
 * The events this module emits, in the tracking-log shape every module reads: {@code event_type}, {@code username},
 * {@code time}, {@code context.course_id}, and the details in {@code event}. Another module may emit its own
 * {@code anserv.atrisk.<reason>} events in the same shape to add reasons.
 */
final class Signals {

  /** A student's third incorrect check in a row on one problem: {@code event} is {@code {problem_id, attempts}}. */
  static final String FAILED_ATTEMPTS = "anserv.atrisk.failed_attempts";

  /** A student inactive in a course for {@link #INACTIVE_AFTER}: {@code event} is {@code {last_active, days}}. */
  static final String INACTIVE = "anserv.atrisk.inactive";

  /** Incorrect checks in a row that make a signal. */
  static final int FAILED_IN_A_ROW = 3;

  /** How long without activity makes a student inactive. */
  static final Duration INACTIVE_AFTER = Duration.ofDays(7);

  private Signals() {
  }

  static JsonObject failedAttempts(String user, String course, Instant at, String problem, int attempts) {
    return signal(FAILED_ATTEMPTS, user, course, at,
        new JsonObject().put("problem_id", problem).put("attempts", attempts));
  }

  static JsonObject inactive(String user, String course, Instant now, Instant lastActive) {
    return signal(INACTIVE, user, course, now, new JsonObject().put("last_active", lastActive.toString())
        .put("days_inactive", Duration.between(lastActive, now).toDays()));
  }

  private static JsonObject signal(String type, String user, String course, Instant at, JsonObject details) {
    return new JsonObject().put("event_type", type).put("username", user).put("time", at.toString())
        .put("context", new JsonObject().put("course_id", course)).put("event", details);
  }
}
