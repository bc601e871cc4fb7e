package org.anserv.modules.problems;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.anserv.api.Event;
import org.anserv.api.event.UsageKey;

/**
 * One learner and one problem of one course: the key of the module's per-learner state.
 *
 * @param course the course id
 * @param user the learner's username
 * @param problem the problem's id as the server names it (its usage key)
 */
record LearnerProblem(String course, String user, String problem) {

  /**
   * The learner and problem a problem event is about; empty when the event lacks a user or a problem, or names no
   * course (neither in its context nor in the problem's usage key).
   */
  static Optional<LearnerProblem> of(Event event) {
    Optional<String> problem = event.problem().flatMap(p -> p.problemId());
    Optional<String> user = event.username();
    Optional<String> course = event.courseId()
        .or(() -> problem.flatMap(UsageKey::parse).flatMap(UsageKey::courseId));
    if (problem.isEmpty() || user.isEmpty() || course.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new LearnerProblem(course.get(), user.get(), problem.get()));
  }

  /** The query that finds this learner's state of this problem. */
  JsonObject key() {
    return new JsonObject().put("course", course).put("user", user).put("problem", problem);
  }

  /** The query that finds this problem in the course's catalogue. */
  JsonObject problemKey() {
    return new JsonObject().put("course", course).put("problem", problem);
  }
}
