package org.anserv.modules.progress;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import org.anserv.api.Event;
import org.anserv.api.event.EnrollmentAction;
import org.anserv.api.event.EnrollmentActivity;
import org.anserv.api.event.ProblemAction;
import org.anserv.api.event.VideoAction;

/**
 * What one event tells about a learner's progress in a course. An enrollment change only says the learner is
 * enrolled (staff may make it for them, so it is not their activity); any other event is activity of its user.
 *
 * @param course the course
 * @param user the learner
 * @param micros when it happened, in microseconds since the epoch
 * @param activity whether it is the learner's own activity (anything but an enrollment change)
 * @param enrolled whether it enrolls the learner
 * @param started whether it is courseware activity (video, problem, navigation, completion, a courseware page)
 * @param watched whether it is a video play
 * @param attempted whether it is a problem submission
 * @param block the video or problem the event is about, as a block id
 * @param chapter the chapter the event happened in, from its courseware URL
 */
record Footprint(String course, String user, long micros, boolean activity, boolean enrolled, boolean started,
    boolean watched, boolean attempted, Optional<String> block, Optional<String> chapter) {

  private static final String COURSEWARE = "/courseware/";

  /** The footprint of {@code event}; empty when it names no learner, course or time. */
  static Optional<Footprint> of(Event event) {
    Optional<String> course = event.courseId();
    Optional<Instant> time = event.time();
    if (course.isEmpty() || time.isEmpty()) {
      return Optional.empty();
    }
    if (event.enrollment().isPresent()) {
      return enrollment(event, event.enrollment().get())
          .map(learner -> new Footprint(course.get(), learner, micros(time.get()), false, true, false, false, false,
              Optional.empty(), Optional.empty()));
    }
    return event.username().map(user -> new Footprint(course.get(), user, micros(time.get()), true, false,
        courseware(event),
        event.video().filter(v -> v.action() == VideoAction.PLAY).isPresent(),
        event.problem().filter(p -> p.action() == ProblemAction.CHECK).isPresent(),
        event.video().flatMap(v -> v.blockId()).or(() -> event.problem().flatMap(p -> p.blockId())),
        chapterOf(event.page()).or(() -> chapterOf(event.referer()))));
  }

  // The payload names the learner by id; the event's user is the learner unless someone else acted for them.
  private static Optional<String> enrollment(Event event, EnrollmentActivity change) {
    if (change.action() != EnrollmentAction.ACTIVATED && change.action() != EnrollmentAction.MODE_CHANGED) {
      return Optional.empty();
    }
    boolean self = change.userId().isEmpty() || event.userId().isEmpty() || change.userId().equals(event.userId());
    return change.username().or(() -> self ? event.username() : Optional.empty())
        .filter(user -> !user.equals("anonymous"));
  }

  private static boolean courseware(Event event) {
    return switch (event.family()) {
      case VIDEO, PROBLEM, NAVIGATION, COMPLETION -> true;
      case REQUEST -> event.type().contains(COURSEWARE) || event.type().contains("/xblock/")
          || event.type().contains("/jump_to/");
      default -> false;
    };
  }

  /**
   * The chapter named in a legacy courseware URL, {@code .../courses/<course>/courseware/<chapter>/<sequential>/...}.
   * Other URLs (the newer learning MFE's) do not name the chapter.
   */
  static Optional<String> chapterOf(Optional<String> url) {
    return url.flatMap(text -> {
      int at = text.indexOf(COURSEWARE);
      if (at < 0) {
        return Optional.empty();
      }
      int start = at + COURSEWARE.length();
      int end = text.indexOf('/', start);
      return end > start ? Optional.of(text.substring(start, end)) : Optional.empty();
    });
  }

  private static long micros(Instant time) {
    return time.getEpochSecond() * 1_000_000L + time.getNano() / 1_000;
  }

  /** Whether the event reveals which chapter its block belongs to. */
  boolean revealsStructure() {
    return block.isPresent() && chapter.isPresent();
  }

  /**
   * The update of the learner's document. An enrollment sets the enrolled flag only. Activity adds one event, the
   * gap since the learner's {@code previous} activity in the course when it is at most {@code idleMicros} (an event
   * older than the previous one adds nothing), the funnel stages it reaches, and the block it touched.
   */
  JsonObject learnerUpdate(Optional<Long> previous, long idleMicros) {
    if (!activity) {
      return new JsonObject().put("$max", new JsonObject().put("enrolled", 1));
    }
    long gap = previous.map(last -> micros - last).orElse(0L);
    JsonObject max = new JsonObject().put("last", micros);
    flag(max, "started", started);
    flag(max, "watched", watched);
    flag(max, "attempted", attempted);
    JsonObject update = new JsonObject()
        .put("$inc", new JsonObject().put("events", 1).put("on_task", gap > 0 && gap <= idleMicros ? gap : 0))
        .put("$min", new JsonObject().put("first", micros))
        .put("$max", max);
    block.ifPresent(id -> update.put("$addToSet", new JsonObject().put("blocks", id)));
    return update;
  }

  /** The update of the course structure: this event's block belongs to its chapter. */
  JsonObject blockUpdate() {
    return new JsonObject()
        .put("$set", new JsonObject().put("chapter", chapter.orElseThrow()))
        .put("$min", new JsonObject().put("first_seen", micros));
  }

  private static void flag(JsonObject max, String name, boolean set) {
    if (set) {
      max.put(name, 1);
    }
  }
}
