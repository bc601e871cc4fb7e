package org.anserv.demo.activity;

import io.vertx.core.json.JsonObject;
import java.util.StringJoiner;
import org.anserv.demo.Dice;
import org.anserv.demo.world.Problem;

/**
 * Attempts one multiple-choice problem the way capa reports it. Each submission logs the browser
 * {@code problem_check} (answers as a query string), the server {@code problem_check} (outcome) and
 * {@code edx.grades.problem.submitted}. After a wrong answer the learner may show the answer, reset and retry.
 */
final class ProblemSolver {

  private static final int CHOICES = 4;

  private final Session session;
  private final Dice dice;
  private Problem problem;
  private ProblemState state;

  ProblemSolver(Session session) {
    this.session = session;
    this.dice = session.dice();
  }

  void solve(Problem problem) {
    this.problem = problem;
    this.state = session.state(problem);
    if ((state.done() && state.correct()) || exhausted()) {
      return;
    }
    session.advance(dice.uniform(20, 180));
    boolean shown = false;
    double ability = session.visit().learner().persona().ability();
    double diligence = session.visit().learner().persona().diligence();
    while (true) {
      if (submit(ability, shown) || exhausted()) {
        return;
      }
      if (dice.chance(0.2)) {
        showAnswer();
        shown = true;
      }
      if (!dice.chance(0.3 + 0.35 * diligence) || session.late(10 * 60)) {
        return;
      }
      session.advance(dice.uniform(15, 120));
      if (dice.chance(0.35)) {
        reset();
      }
      session.advance(dice.uniform(5, 40));
    }
  }

  private boolean exhausted() {
    return problem.maxAttempts() > 0 && state.attempts() >= problem.maxAttempts();
  }

  // Returns whether the submission was entirely correct.
  private boolean submit(double ability, boolean shown) {
    int attempt = state.attempts() + 1;
    double logit = 1.3 * ability - problem.difficulty() + 0.5 * (attempt - 1) + (shown ? 2.5 : 0) + 0.9;
    double p = 1 / (1 + StrictMath.exp(-logit));
    byte[] choices = new byte[problem.parts()];
    boolean[] parts = new boolean[problem.parts()];
    JsonObject submission = new JsonObject();
    StringJoiner query = new StringJoiner("&");
    for (int part = 0; part < problem.parts(); part++) {
      String input = problem.inputId(part);
      int right = Math.floorMod(input.hashCode(), CHOICES);
      parts[part] = dice.chance(p);
      choices[part] = (byte) (parts[part] ? right : (right + 1 + dice.below(CHOICES - 1)) % CHOICES);
      submission.put(input, submission(part, choices[part], parts[part]));
      query.add("input_" + input + "=choice_" + choices[part]);
    }
    Visit visit = session.visit();
    session.emit(EdxEvents.browser(visit, session.now(), "problem_check", "problem_check", query.toString(),
        session.page()));
    session.advance(dice.uniform(0.15, 0.6));
    JsonObject before = state.capaState();
    state.submit(session.now(), choices, parts);
    session.emit(server("problem_check", null, "problem_check", new JsonObject()
        .put("state", before)
        .put("problem_id", problem.usageKey())
        .put("answers", state.answers())
        .put("grade", state.grade())
        .put("max_grade", problem.maxGrade())
        .put("correct_map", state.correctMap())
        .put("success", state.correct() ? "correct" : "incorrect")
        .put("attempts", attempt)
        .put("submission", submission)));
    session.tally().check(visit, problem.usageKey(), attempt, state.correct());
    session.advance(dice.uniform(0.005, 0.06));
    session.emit(server("edx.grades.problem.submitted", "edx.grades.problem.submitted", "problem_check",
        new JsonObject()
            .put("user_id", String.valueOf(visit.learner().id()))
            .put("course_id", visit.course().id())
            .put("problem_id", problem.usageKey())
            .put("event_transaction_id", uuid())
            .put("event_transaction_type", "edx.grades.problem.submitted")
            .put("weighted_earned", state.grade())
            .put("weighted_possible", problem.maxGrade())));
    return state.correct();
  }

  private void showAnswer() {
    session.advance(dice.uniform(3, 30));
    session.emit(EdxEvents.browser(session.visit(), session.now(), "problem_show", "problem_show",
        new JsonObject().put("problem", problem.usageKey()), session.page()));
    session.advance(dice.uniform(0.1, 0.5));
    session.emit(server("showanswer", null, "problem_show", new JsonObject().put("problem_id", problem.usageKey())));
  }

  private void reset() {
    StringJoiner query = new StringJoiner("&");
    state.answers().forEach(entry -> query.add("input_" + entry.getKey() + "=" + entry.getValue()));
    session.emit(EdxEvents.browser(session.visit(), session.now(), "problem_reset", "problem_reset",
        query.toString(), session.page()));
    session.advance(dice.uniform(0.1, 0.5));
    JsonObject old = state.capaState();
    state.reset(session.now());
    session.emit(server("reset_problem", null, "problem_reset", new JsonObject()
        .put("old_state", old)
        .put("problem_id", problem.usageKey())
        .put("new_state", state.capaState())));
  }

  private JsonObject server(String type, String name, String handler, JsonObject payload) {
    Visit visit = session.visit();
    String path = "/courses/" + visit.course().id() + "/xblock/" + problem.usageKey() + "/handler/xmodule_handler/"
        + handler;
    return EdxEvents.server(visit, session.now(), type, name, payload, path,
        EdxEvents.module(problem.displayName(), problem.usageKey()), "x_module", session.page());
  }

  private JsonObject submission(int part, int choice, boolean correct) {
    return new JsonObject()
        .put("question", "Part " + (part + 1) + " of " + problem.displayName())
        .put("answer", "Choice " + (choice + 1))
        .put("response_type", "multiplechoiceresponse")
        .put("input_type", "choicegroup")
        .put("correct", correct)
        .put("variant", "")
        .put("group_label", "");
  }

  private String uuid() {
    String hex = dice.hex(32);
    return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-4" + hex.substring(13, 16) + "-a"
        + hex.substring(17, 20) + "-" + hex.substring(20);
  }
}
