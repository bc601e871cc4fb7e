package org.anserv.api.event;

import java.util.Map;
import java.util.Optional;

/** What a problem event says happened, from its legacy or new name. */
public enum ProblemAction {

  /**
   * The learner submitted answers: {@code problem_check}. From the browser it carries only the answers; from the
   * server it carries correctness, grade, maximum grade and attempts.
   */
  CHECK,
  /** The browser showed the graded problem: {@code problem_graded}. */
  GRADED,
  /** The grades service recorded the problem's score: {@code edx.grades.problem.submitted}. */
  SCORE_SUBMITTED,
  /** Staff rescored the problem: {@code problem_rescore}, {@code edx.grades.problem.rescored}. */
  RESCORED,
  /** The learner reset the problem: {@code problem_reset} (browser), {@code reset_problem} (server). */
  RESET,
  /** The learner saved answers without submitting: {@code problem_save}, {@code save_problem_success}. */
  SAVED,
  /** The answer was shown: {@code showanswer} (server), {@code problem_show} (browser). */
  SHOW_ANSWER,
  /** A hint or feedback was displayed: {@code edx.problem.hint.*}. */
  HINT,
  /** The problem was completed: {@code edx.problem.completed}. */
  COMPLETED,
  /** The platform refused an action: {@code problem_check_fail}, {@code reset_problem_fail}, ... */
  FAILED,
  /** Another problem event this version does not know. */
  OTHER;

  private static final Map<String, ProblemAction> NAMES = Map.ofEntries(
      Map.entry("problem_check", CHECK),
      Map.entry("problem_graded", GRADED),
      Map.entry("edx.grades.problem.submitted", SCORE_SUBMITTED),
      Map.entry("problem_rescore", RESCORED), Map.entry("edx.grades.problem.rescored", RESCORED),
      Map.entry("problem_reset", RESET), Map.entry("reset_problem", RESET),
      Map.entry("problem_save", SAVED), Map.entry("save_problem_success", SAVED),
      Map.entry("showanswer", SHOW_ANSWER), Map.entry("problem_show", SHOW_ANSWER),
      Map.entry("edx.problem.completed", COMPLETED),
      Map.entry("problem_check_fail", FAILED), Map.entry("reset_problem_fail", FAILED),
      Map.entry("save_problem_fail", FAILED), Map.entry("problem_rescore_fail", FAILED));

  /** The action an event named {@code name} reports; empty when it is not a problem event. */
  public static Optional<ProblemAction> ofName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    ProblemAction action = NAMES.get(name);
    if (action == null && name.startsWith("edx.problem.hint.")) {
      action = HINT;
    } else if (action == null && (name.startsWith("problem_") || name.startsWith("edx.problem.")
        || name.startsWith("edx.grades.problem."))) {
      action = OTHER;
    }
    return Optional.ofNullable(action);
  }
}
