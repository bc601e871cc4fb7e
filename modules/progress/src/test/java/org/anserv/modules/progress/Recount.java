package org.anserv.modules.progress;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A naive recount of the raw demo events, for the figures the generator's truth does not hold: each learner's event
 * times per course, enrollment events aside (hence time on task and last activity), and the funnel stages reached.
 * Reads the JSON directly, not through the module or the event API.
 */
final class Recount {

  private final Map<String, Map<String, Learner>> courses = new TreeMap<>();

  /** One learner in one course. */
  static final class Learner {
    private final List<Long> micros = new ArrayList<>();
    private boolean enrolled;
    private boolean started;
    private boolean watched;
    private boolean attempted;

    /** Time on task: consecutive gaps of at most 30 minutes, summed, in seconds. */
    double timeOnTaskSeconds() {
      List<Long> sorted = micros.stream().sorted().toList();
      long total = 0;
      for (int i = 1; i < sorted.size(); i++) {
        long gap = sorted.get(i) - sorted.get(i - 1);
        if (gap <= 30 * 60 * 1_000_000L) {
          total += gap;
        }
      }
      return total / 1_000_000.0;
    }

    String lastActive() {
      if (micros.isEmpty()) {
        return null;
      }
      long last = micros.stream().mapToLong(Long::longValue).max().orElseThrow();
      return java.time.Instant.ofEpochSecond(last / 1_000_000L, last % 1_000_000L * 1_000L).toString();
    }

    long events() {
      return micros.size();
    }
  }

  static Recount of(List<JsonObject> events) {
    Recount recount = new Recount();
    for (JsonObject event : events) {
      String type = event.getString("event_type");
      Learner learner = recount.courses
          .computeIfAbsent(event.getJsonObject("context").getString("course_id"), c -> new TreeMap<>())
          .computeIfAbsent(event.getString("username"), u -> new Learner());
      if (type.startsWith("edx.course.enrollment.")) {
        learner.enrolled |= type.equals("edx.course.enrollment.activated");
        continue;
      }
      OffsetDateTime time = OffsetDateTime.parse(event.getString("time"), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      learner.micros.add(time.toEpochSecond() * 1_000_000L + time.getNano() / 1_000);
      learner.started = true;
      learner.watched |= type.equals("play_video") || type.equals("edx.video.played");
      learner.attempted |= type.equals("problem_check");
    }
    return recount;
  }

  /** The learners of {@code course} by username. */
  Map<String, Learner> learners(String course) {
    return courses.getOrDefault(course, Map.of());
  }

  long enrolled(String course) {
    return count(learners(course).values(), "enrolled");
  }

  long started(String course) {
    return count(learners(course).values(), "started");
  }

  long watched(String course) {
    return count(learners(course).values(), "watched");
  }

  long attempted(String course) {
    return count(learners(course).values(), "attempted");
  }

  private static long count(Collection<Learner> learners, String stage) {
    return learners.stream().filter(l -> switch (stage) {
      case "enrolled" -> l.enrolled;
      case "started" -> l.started;
      case "watched" -> l.watched;
      default -> l.attempted;
    }).count();
  }
}
