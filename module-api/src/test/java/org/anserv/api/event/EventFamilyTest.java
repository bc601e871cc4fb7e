package org.anserv.api.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventFamilyTest {

  @ParameterizedTest
  @CsvSource(nullValues = "-", value = {
      "play_video, edx.video.played, VIDEO",
      "-, edx.video.position.changed, VIDEO",
      "show_transcript, -, VIDEO",
      "problem_check, -, PROBLEM",
      "showanswer, -, PROBLEM",
      "edx.grades.problem.submitted, -, PROBLEM",
      "edx.problem.hint.demandhint_displayed, -, PROBLEM",
      "seq_next, edx.ui.lms.sequence.next_selected, NAVIGATION",
      "edx.ui.lms.outline.selected, -, NAVIGATION",
      "edx.course.enrollment.mode_changed, -, ENROLLMENT",
      "edx.grades.course.grade_calculated, -, GRADE",
      "edx.course.grade.passed.first_time, -, GRADE",
      "edx.completion.block_completion.changed, -, COMPLETION",
      "edx.forum.thread.created, -, FORUM",
      "book, -, TEXTBOOK",
      "/courses/course-v1:A+B+C/courseware/, /courses/course-v1:A+B+C/courseware/, REQUEST",
      "page_close, -, OTHER",
      "'', '', OTHER",
      "-, -, OTHER",
  })
  void classifiesByTypeThenName(String type, String name, EventFamily family) {
    assertThat(EventFamily.of(type, name)).isEqualTo(family);
  }

  @ParameterizedTest
  @CsvSource({
      "load_video, LOAD", "edx.video.loaded, LOAD", "pause_video, PAUSE", "edx.video.paused, PAUSE",
      "seek_video, SEEK", "edx.video.seeked, SEEK", "speed_change_video, SPEED_CHANGE", "stop_video, STOP",
      "edx.video.stopped, STOP", "complete_video, COMPLETE", "edx.video.something_new, OTHER"})
  void mapsLegacyAndNewVideoNamesToOneAction(String name, VideoAction action) {
    assertThat(VideoAction.ofName(name)).contains(action);
  }

  @ParameterizedTest
  @CsvSource({
      "problem_reset, RESET", "reset_problem, RESET", "problem_show, SHOW_ANSWER", "problem_graded, GRADED",
      "save_problem_success, SAVED", "problem_check_fail, FAILED", "edx.problem.completed, COMPLETED"})
  void mapsProblemNames(String name, ProblemAction action) {
    assertThat(ProblemAction.ofName(name)).contains(action);
  }
}
