package org.anserv.api;

/**
 * The edX event type and source an xAPI statement was transformed from, read back from its verb and object type
 * (event-routing-backends' mapping, see INTAKE-PROTOCOLS.md). Where several edX events share one verb (a speed change
 * and a transcript toggle are both "interacted"), the type is the legacy one the statement's data fits; an unknown
 * verb keeps its IRI as the type.
 *
 * @param type the edX {@code event_type}
 * @param source {@code browser} or {@code server}, as the LMS would log it
 */
record EdxName(String type, String source) {

  private static final String BROWSER = "browser";
  private static final String SERVER = "server";

  static EdxName of(String verbIri, String objectType, String objectId, Lenient extensions, boolean child,
      boolean speedChange) {
    String verb = StatementView.lastSegment(verbIri);
    boolean video = objectType.equals("video");
    boolean exam = objectType.endsWith("-assessment");
    return switch (verb) {
      case "initialized" -> video ? browser("load_video") : exam
          ? server("edx.special_exam." + examKind(objectType) + ".attempt.created") : unknown(verbIri);
      case "played" -> browser("play_video");
      case "paused" -> browser("pause_video");
      case "seeked" -> browser("seek_video");
      case "terminated" -> video ? browser("stop_video") : exam
          ? server("edx.special_exam." + examKind(objectType) + ".attempt.submitted") : unknown(verbIri);
      case "completed" -> video ? browser("complete_video") : unknown(verbIri);
      case "interacted" -> browser(speedChange ? "speed_change_video" : "edx.video.interacted");
      case "evaluated" -> child ? server("edx.problem.part.evaluated") : server("problem_check");
      case "attempted" -> objectType.equals("question") ? server("edx.grades.problem.submitted")
          : browser("problem_check");
      case "asked" -> objectId.contains("/hint/") ? server("edx.problem.hint.demandhint_displayed")
          : server("showanswer");
      case "navigated" -> browser(navigation(objectType, extensions));
      case "registered" -> server("edx.course.enrollment.activated");
      case "unregistered" -> server("edx.course.enrollment.deactivated");
      case "passed" -> server("edx.course.grade.passed.first_time");
      case "failed" -> server("edx.course.grade.now_failed");
      case "earned" -> server(objectType.equals("course") ? "edx.grades.course.grade_calculated"
          : "edx.grades.subsection.grade_calculated");
      case "progressed" -> server("edx.completion.block_completion.changed");
      case "posted" -> server(objectId.contains("/comments/") ? "edx.forum.response.created"
          : "edx.forum.thread.created");
      case "viewed" -> objectType.equals("discussion") ? browser("edx.forum.thread.viewed") : unknown(verbIri);
      case "voted" -> server(objectId.contains("/comments/") ? "edx.forum.response.voted" : "edx.forum.thread.voted");
      default -> unknown(verbIri);
    };
  }

  private static String navigation(String objectType, Lenient extensions) {
    if (objectType.equals("module")) {
      return "edx.ui.lms.outline.selected";
    }
    if (objectType.equals("link")) {
      return "edx.ui.lms.link_clicked";
    }
    String end = extensions.text("http://id.tincanapi.com/extension/ending-point").orElse("");
    return switch (end) {
      case "next unit" -> "edx.ui.lms.sequence.next_selected";
      case "previous unit" -> "edx.ui.lms.sequence.previous_selected";
      default -> "edx.ui.lms.sequence.tab_selected";
    };
  }

  private static String examKind(String objectType) {
    return objectType.substring(0, objectType.length() - "-assessment".length());
  }

  private static EdxName browser(String type) {
    return new EdxName(type, BROWSER);
  }

  private static EdxName server(String type) {
    return new EdxName(type, SERVER);
  }

  // A verb's last segment is not unique across vocabularies: keep the whole IRI.
  private static EdxName unknown(String verbIri) {
    return new EdxName(verbIri, SERVER);
  }
}
