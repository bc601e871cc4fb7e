package org.anserv.api;

import java.util.Optional;
import org.anserv.api.event.EnrollmentAction;
import org.anserv.api.event.EventKind;
import org.anserv.api.event.ProblemAction;
import org.anserv.api.event.Score;
import org.anserv.api.event.UsageKey;
import org.anserv.api.event.VideoAction;

/** Reads the stream-independent answers of an {@link Event}: its kind, block and score. */
final class Kinds {

  private Kinds() {
  }

  static EventKind of(Event event) {
    String type = event.type();
    String name = event.nameOrNull();
    Optional<VideoAction> video = VideoAction.ofName(type).or(() -> VideoAction.ofName(name));
    if (video.isPresent()) {
      return switch (video.get()) {
        case LOAD -> EventKind.VIDEO_LOADED;
        case PLAY -> EventKind.VIDEO_PLAYED;
        case PAUSE -> EventKind.VIDEO_PAUSED;
        case SEEK -> EventKind.VIDEO_SEEKED;
        case STOP -> EventKind.VIDEO_STOPPED;
        case COMPLETE -> EventKind.VIDEO_COMPLETED;
        default -> EventKind.VIDEO_OTHER;
      };
    }
    Optional<ProblemAction> problem = ProblemAction.ofName(type).or(() -> ProblemAction.ofName(name));
    if (problem.isPresent()) {
      return switch (problem.get()) {
        // As event-routing-backends reads it: only the browser's check lacks the outcome.
        case CHECK -> event.source().filter(s -> s == Source.BROWSER).isPresent() ? EventKind.PROBLEM_SUBMITTED
            : EventKind.PROBLEM_CHECKED;
        case SCORE_SUBMITTED -> EventKind.PROBLEM_SCORED;
        case SHOW_ANSWER -> EventKind.PROBLEM_ANSWER_SHOWN;
        case HINT -> EventKind.PROBLEM_HINT;
        default -> EventKind.PROBLEM_OTHER;
      };
    }
    Optional<EnrollmentAction> enrollment = EnrollmentAction.ofName(type).or(() -> EnrollmentAction.ofName(name));
    if (enrollment.isPresent()) {
      return switch (enrollment.get()) {
        case ACTIVATED, MODE_CHANGED -> EventKind.ENROLLMENT_REGISTERED;
        case DEACTIVATED -> EventKind.ENROLLMENT_UNREGISTERED;
        default -> EventKind.OTHER;
      };
    }
    return switch (event.family()) {
      case NAVIGATION -> EventKind.NAVIGATED;
      case COMPLETION -> EventKind.COMPLETION_PROGRESSED;
      case FORUM -> EventKind.FORUM;
      case GRADE -> grade(type.isEmpty() ? name : type);
      default -> EventKind.OTHER;
    };
  }

  private static EventKind grade(String type) {
    if (type.endsWith(".passed.first_time") || type.endsWith(".now_passed")) {
      return EventKind.GRADE_PASSED;
    }
    if (type.endsWith(".now_failed")) {
      return EventKind.GRADE_FAILED;
    }
    return type.endsWith("grade_calculated") ? EventKind.GRADE_EARNED : EventKind.OTHER;
  }

  static Optional<UsageKey> blockKey(Event event) {
    Lenient payload = event.decodedPayload().fields();
    // Grade and completion events name their block in the payload; context.module is where they were computed.
    Optional<UsageKey> key = payload.text("block_id").flatMap(UsageKey::parse)
        .or(() -> event.usageKey().flatMap(UsageKey::parse));
    if (key.isPresent()) {
      return key;
    }
    Optional<String> id = event.video().flatMap(v -> v.videoId())
        .or(() -> event.problem().flatMap(p -> p.problemId()))
        .or(() -> payload.text("id", "problem_id"))
        // An outline selection names its sequence only in the jump_to URL.
        .or(() -> event.navigation().flatMap(n -> n.targetUrl()).map(u -> u.substring(u.lastIndexOf('/') + 1)));
    Optional<UsageKey> parsed = id.flatMap(UsageKey::parse);
    String type = event.video().isPresent() ? "video" : event.problem().isPresent() ? "problem" : null;
    if (parsed.isPresent() || id.isEmpty() || type == null) {
      return parsed;
    }
    // Browsers send a video's or problem's bare block id; the course makes it a usage key.
    return event.courseId().filter(c -> c.startsWith("course-v1:"))
        .map(c -> new UsageKey(type, id.get(), Optional.of(c)));
  }

  static Optional<Score> score(Event event) {
    Lenient payload = event.decodedPayload().fields();
    Optional<Double> raw = payload.number("grade", "weighted_earned", "weighted_total_earned");
    Optional<Double> max = payload.number("max_grade", "weighted_possible", "weighted_total_possible");
    if (raw.isEmpty() || max.isEmpty()) {
      return Optional.empty();
    }
    Optional<Double> scaled = payload.number("percent_grade")
        .or(() -> max.get() > 0 ? Optional.of(raw.get() / max.get()) : Optional.empty());
    return Optional.of(new Score(raw.get(), max.get(), scaled));
  }
}
