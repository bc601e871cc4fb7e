package org.anserv.modules.problems;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.anserv.api.Event;
import org.anserv.api.event.ProblemActivity;

/**
 * A graded submission, read from a server {@code problem_check}: the only problem event that carries the outcome
 * (the browser's carries just the answers).
 *
 * @param target the learner and problem
 * @param grade the points earned by this submission, which become the problem's current grade
 * @param maxGrade the points possible
 * @param correct whether the submission was entirely correct
 * @param attempt which submission this is for the learner (1 for the first); 0 when the event does not say
 * @param displayName the problem's title, when the event names it
 */
record Submission(LearnerProblem target, double grade, double maxGrade, boolean correct, int attempt,
    Optional<String> displayName) {

  /** The submission a server {@code problem_check} reports; empty for events without an outcome or a target. */
  static Optional<Submission> of(Event event) {
    Optional<ProblemActivity> activity = event.problem();
    Optional<LearnerProblem> target = LearnerProblem.of(event);
    if (activity.isEmpty() || target.isEmpty() || activity.get().grade().isEmpty()
        || activity.get().maxGrade().isEmpty()) {
      return Optional.empty();
    }
    ProblemActivity check = activity.get();
    return Optional.of(new Submission(target.get(), check.grade().get(), check.maxGrade().get(),
        check.correct().orElse(false), check.attempts().orElse(0), displayName(event)));
  }

  /**
   * The update of the learner's state: one more check, the current grade and correctness (the last submission's),
   * whether the first attempt was right, and at which attempt the problem was first solved.
   */
  JsonObject stateUpdate() {
    JsonObject set = new JsonObject().put("grade", grade).put("max_grade", maxGrade).put("correct", correct);
    JsonObject max = new JsonObject().put("attempts", attempt);
    JsonObject update = new JsonObject().put("$inc", new JsonObject().put("checks", 1)).put("$set", set);
    if (attempt == 1) {
      set.put("first_attempt", 1).put("first_correct", correct ? 1 : 0);
    }
    if (correct) {
      max.put("solved", 1);
      if (attempt > 0) {
        update.put("$min", new JsonObject().put("attempts_to_solve", attempt));
      }
    }
    return update.put("$max", max);
  }

  /** The update of the course's problem catalogue: the problem's maximum grade and title. */
  JsonObject catalogueUpdate() {
    JsonObject update = new JsonObject().put("$max", new JsonObject().put("max_grade", maxGrade));
    displayName.ifPresent(name -> update.put("$set", new JsonObject().put("display_name", name)));
    return update;
  }

  // Server events name their block in context.module, statements in their object: the typed API reads both.
  private static Optional<String> displayName(Event event) {
    return event.displayName();
  }
}
