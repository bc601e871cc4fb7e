package org.anserv.api.event;

/**
 * What an event reports, the same whichever stream it came in: a tracking-log line, an eventtracking record or the
 * xAPI statement event-routing-backends made of it. Subscribe to kinds with
 * {@code @EventHandler(kinds = EventKind.VIDEO_PLAYED)} to receive both streams without listing their names.
 */
public enum EventKind {

  /** The player loaded a video: {@code load_video}, xAPI {@code initialized} on a video. */
  VIDEO_LOADED,
  /** Playback started: {@code play_video}, xAPI {@code played}. */
  VIDEO_PLAYED,
  /** Playback paused: {@code pause_video}, xAPI {@code paused}. */
  VIDEO_PAUSED,
  /** The playhead moved: {@code seek_video}, xAPI {@code seeked}. */
  VIDEO_SEEKED,
  /** Playback stopped: {@code stop_video}, xAPI {@code terminated} on a video. */
  VIDEO_STOPPED,
  /** The video was watched to the end: {@code complete_video}, xAPI {@code completed}. */
  VIDEO_COMPLETED,
  /** Another video event: speed, transcript, captions (xAPI {@code interacted}). */
  VIDEO_OTHER,
  /** The server checked a submission, with score and correctness: server {@code problem_check}, xAPI
   * {@code evaluated}. */
  PROBLEM_CHECKED,
  /** The browser submitted answers, no outcome yet: browser {@code problem_check}, xAPI {@code attempted}. */
  PROBLEM_SUBMITTED,
  /** The grades service recorded a problem's score: {@code edx.grades.problem.submitted}. */
  PROBLEM_SCORED,
  /** The answer was shown: {@code showanswer}, xAPI {@code asked} the solution. */
  PROBLEM_ANSWER_SHOWN,
  /** A hint was shown: {@code edx.problem.hint.*}, xAPI {@code asked} a hint. */
  PROBLEM_HINT,
  /** Another problem event: resets, saves, the parts of a multi-question check. */
  PROBLEM_OTHER,
  /** Moving through the course: sequence tabs, next, previous, outline, links; xAPI {@code navigated}. */
  NAVIGATED,
  /** Enrolled, or the mode changed: {@code edx.course.enrollment.activated} / {@code mode_changed}, xAPI
   * {@code registered}. */
  ENROLLMENT_REGISTERED,
  /** Unenrolled: {@code edx.course.enrollment.deactivated}, xAPI {@code unregistered}. */
  ENROLLMENT_UNREGISTERED,
  /** The learner passed the course: {@code edx.course.grade.passed.first_time} / {@code now_passed}, xAPI
   * {@code passed}. */
  GRADE_PASSED,
  /** The learner now fails the course: {@code edx.course.grade.now_failed}, xAPI {@code failed}. */
  GRADE_FAILED,
  /** A subsection or course grade was calculated: {@code edx.grades.*.grade_calculated}, xAPI {@code earned}. */
  GRADE_EARNED,
  /** A block's completion changed: {@code edx.completion.block_completion.changed}, xAPI {@code progressed}. */
  COMPLETION_PROGRESSED,
  /** A discussion forum event: {@code edx.forum.*}, xAPI {@code posted}, {@code viewed}, {@code voted}. */
  FORUM,
  /** Anything else. */
  OTHER
}
