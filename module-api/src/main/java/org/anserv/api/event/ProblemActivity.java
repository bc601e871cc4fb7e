package org.anserv.api.event;

import java.util.Objects;
import java.util.Optional;

/**
 * A problem event. Server {@code problem_check} events carry the outcome (correctness, grade, maximum grade,
 * attempts); browser ones only the submitted answers, from whose input names the problem id is recovered; grades
 * events carry weighted scores.
 *
 * @param action what happened
 * @param problemId the problem: its usage key ({@code block-v1:...+type@problem+block@ID} or
 *     {@code i4x://Org/Course/problem/ID}) when the event names one, else the block id cut out of the browser's input
 *     names; see {@link #blockId()}
 * @param correct whether the submission was entirely correct ({@code success} of a server check, {@code correctness}
 *     of a hint)
 * @param grade the points earned ({@code grade}, or {@code weighted_earned} of grades events)
 * @param maxGrade the points possible ({@code max_grade}, or {@code weighted_possible})
 * @param attempts how many times the learner has submitted, this submission included
 */
public record ProblemActivity(
    ProblemAction action,
    Optional<String> problemId,
    Optional<Boolean> correct,
    Optional<Double> grade,
    Optional<Double> maxGrade,
    Optional<Integer> attempts) {

  /** Checks that no component is null. */
  public ProblemActivity {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(problemId, "problemId");
    Objects.requireNonNull(correct, "correct");
    Objects.requireNonNull(grade, "grade");
    Objects.requireNonNull(maxGrade, "maxGrade");
    Objects.requireNonNull(attempts, "attempts");
  }

  /** The problem's block id, the same whichever form {@link #problemId()} took. */
  public Optional<String> blockId() {
    return problemId.map(UsageKey::blockIdOf);
  }

  /** The share of points earned, from 0 to 1; empty without both grades or when nothing was possible. */
  public Optional<Double> score() {
    if (grade.isEmpty() || maxGrade.isEmpty() || maxGrade.get() <= 0) {
      return Optional.empty();
    }
    return Optional.of(grade.get() / maxGrade.get());
  }
}
