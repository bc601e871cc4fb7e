package org.anserv.modules.progress;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * One learner's stored figures in one course.
 *
 * @param course the course
 * @param user the learner
 * @param events how many of their events the course saw
 * @param onTaskMicros time on task: the sum of the gaps between their consecutive events, each gap counted only
 *     when it is at most {@link Progress#IDLE_MICROS} (a longer one ends a session and counts nothing)
 * @param lastMicros when they were last active, {@code null} if never
 * @param blocks the videos and problems (block ids) they touched
 */
record LearnerFigures(String course, String user, long events, long onTaskMicros, Long lastMicros,
    Set<String> blocks) {

  /** The figures stored in a {@code learners} document, or none for a {@code null} one. */
  static LearnerFigures of(String course, String user, JsonObject document) {
    if (document == null) {
      return new LearnerFigures(course, user, 0, 0, null, Set.of());
    }
    Set<String> blocks = new TreeSet<>();
    document.getJsonArray("blocks", new JsonArray()).forEach(block -> blocks.add((String) block));
    return new LearnerFigures(course, user, document.getLong("events", 0L), document.getLong("on_task", 0L),
        document.getLong("last"), blocks);
  }

  /** Time on task in seconds. */
  double timeOnTaskSeconds() {
    return onTaskMicros / 1_000_000.0;
  }

  /** When the learner was last active, as ISO-8601 UTC ({@code 2026-02-03T10:15:30.123456Z}), or {@code null}. */
  String lastActive() {
    return lastMicros == null ? null
        : Instant.ofEpochSecond(Math.floorDiv(lastMicros, 1_000_000L), Math.floorMod(lastMicros, 1_000_000L) * 1_000L)
            .toString();
  }

  /**
   * The learner's summary: {@code {user, course, grade, time_on_task_seconds, last_active, chapters_completed,
   * chapters_known, events}}.
   */
  JsonObject summary(double grade, Chapters chapters) {
    return new JsonObject()
        .put("user", user)
        .put("course", course)
        .put("grade", grade)
        .put("time_on_task_seconds", timeOnTaskSeconds())
        .put("last_active", lastActive())
        .put("chapters_completed", chapters.completed(blocks))
        .put("chapters_known", chapters.size())
        .put("events", events);
  }

  /** Time on task for people: {@code 1 h 05 min}, {@code 12 min 30 s}. */
  String timeOnTaskText() {
    long seconds = onTaskMicros / 1_000_000L;
    return seconds >= 3600 ? String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds / 60 % 60)
        : String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
  }
}
