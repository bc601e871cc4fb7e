package org.anserv.modules.classrank;

import java.util.Optional;
import org.anserv.api.Event;
import org.anserv.api.event.ProblemAction;
import org.anserv.api.event.ProblemActivity;

/**
 * A problem's current grade for a student, as a server event sets it: a check's grade, or zero after a reset (whose
 * maximum is not reported, so {@code maxGrade} is null). Points are kept as whole millionths, so that sums of
 * increments stay exact and equal grades stay equal.
 *
 * @param course the course id
 * @param user the username
 * @param problem the problem's usage key
 * @param grade the points now held on the problem, in millionths
 * @param maxGrade the problem's maximum in millionths, or null when the event does not say
 */
record Score(String course, String user, String problem, long grade, Long maxGrade) {

  /** Millionths of a point per point. */
  static final double SCALE = 1_000_000;

  static Optional<Score> of(Event event) {
    Optional<ProblemActivity> problem = event.problem().filter(p -> p.problemId().isPresent());
    if (problem.isEmpty() || event.username().isEmpty() || event.courseId().isEmpty()) {
      return Optional.empty();
    }
    ProblemActivity activity = problem.get();
    String id = activity.problemId().get();
    if (activity.action() == ProblemAction.RESET) {
      return Optional.of(new Score(event.courseId().get(), event.username().get(), id, 0L, null));
    }
    if (activity.action() != ProblemAction.CHECK || activity.grade().isEmpty() || activity.maxGrade().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Score(event.courseId().get(), event.username().get(), id, millionths(activity.grade().get()),
        millionths(activity.maxGrade().get())));
  }

  static long millionths(double points) {
    return Math.round(points * SCALE);
  }
}
