package org.anserv.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.anserv.api.event.ProblemAction;
import org.anserv.api.event.ProblemActivity;
import org.junit.jupiter.api.Test;

class ProblemActivityTest {

  private static final String KEY =
      "block-v1:AnservX+VID101+2026_T1+type@problem+block@9c0ffee000000000000000000000beef";
  private static final String HASH = "9c0ffee000000000000000000000beef";

  private static ProblemActivity problem(String fixture) {
    return Fixtures.event(fixture).problem().orElseThrow();
  }

  @Test
  void readsOutcomeOfServerCheck() {
    ProblemActivity problem = problem("server-problem-check");

    assertThat(problem.action()).isEqualTo(ProblemAction.CHECK);
    assertThat(problem.problemId()).contains(KEY);
    assertThat(problem.blockId()).contains(HASH);
    assertThat(problem.correct()).contains(false);
    assertThat(problem.grade()).contains(1.0);
    assertThat(problem.maxGrade()).contains(3.0);
    assertThat(problem.attempts()).contains(2);
    assertThat(problem.score()).hasValueSatisfying(score -> assertThat(score).isEqualTo(1.0 / 3));
  }

  @Test
  void cutsProblemOutOfBrowserInputNames() {
    ProblemActivity problem = problem("browser-problem-check");

    assertThat(problem.action()).isEqualTo(ProblemAction.CHECK);
    assertThat(problem.problemId()).contains(HASH);
    assertThat(problem.correct()).isEmpty();
    assertThat(problem.grade()).isEmpty();
  }

  @Test
  void rebuildsOldKeyFromDoubleEncodedBrowserCheck() {
    ProblemActivity problem = problem("browser-problem-check-2014");

    assertThat(problem.problemId()).contains("i4x://AnservX/VID101/problem/" + HASH);
    assertThat(problem.blockId()).contains(HASH);
  }

  @Test
  void readsProblemFromArrayPayloadOfGradedEvent() {
    ProblemActivity problem = problem("browser-problem-graded");

    assertThat(problem.action()).isEqualTo(ProblemAction.GRADED);
    assertThat(problem.problemId()).contains(HASH);
  }

  @Test
  void readsWeightedScoreOfGradesEvent() {
    ProblemActivity problem = problem("grades-problem-submitted");

    assertThat(problem.action()).isEqualTo(ProblemAction.SCORE_SUBMITTED);
    assertThat(problem.grade()).contains(3.0);
    assertThat(problem.maxGrade()).contains(3.0);
    assertThat(problem.score()).contains(1.0);
  }

  @Test
  void readsShownAnswer() {
    ProblemActivity problem = problem("show-answer");

    assertThat(problem.action()).isEqualTo(ProblemAction.SHOW_ANSWER);
    assertThat(problem.problemId()).contains(KEY);
  }

  @Test
  void fallsBackToTheContextModule() {
    Event event = Event.of(new JsonObject().put("event_type", "reset_problem").put("event", new JsonObject())
        .put("context", new JsonObject().put("module", new JsonObject().put("usage_key", KEY))));

    assertThat(event.problem()).hasValueSatisfying(problem -> {
      assertThat(problem.action()).isEqualTo(ProblemAction.RESET);
      assertThat(problem.problemId()).contains(KEY);
    });
  }

  @Test
  void readsHintCorrectnessAsBoolean() {
    Event event = Event.of(new JsonObject().put("event_type", "edx.problem.hint.feedback_displayed")
        .put("event", new JsonObject().put("correctness", true).put("module_id", KEY)));

    assertThat(event.problem()).hasValueSatisfying(problem -> {
      assertThat(problem.action()).isEqualTo(ProblemAction.HINT);
      assertThat(problem.correct()).contains(true);
      assertThat(problem.problemId()).contains(KEY);
    });
  }

  @Test
  void hasNoScoreWithoutPossiblePoints() {
    Event event = Event.of(new JsonObject().put("event_type", "problem_check")
        .put("event", new JsonObject().put("grade", 0).put("max_grade", 0)));

    assertThat(event.problem().orElseThrow().score()).isEmpty();
  }
}
