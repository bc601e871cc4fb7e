package org.anserv.demo.activity;

import io.vertx.core.json.JsonObject;
import org.anserv.demo.world.Problem;

/**
 * One learner's state of one problem, as capa keeps it in {@code courseware_studentmodule.state}: answers, their
 * correctness, attempts, and the current grade (the last submission's score). Kept compact (one choice and one
 * correctness bit per part) because a large world holds millions of these; the JSON is built when written.
 */
public final class ProblemState {

  private final Problem problem;
  private final long created;
  private long modified;
  private long lastSubmission;
  private int attempts;
  private int grade;
  private boolean correct;
  private byte[] choices;
  private boolean[] parts;

  ProblemState(Problem problem, long created) {
    this.problem = problem;
    this.created = created;
    this.modified = created;
  }

  /** Records a submission of {@code choices} (one per part) whose parts were right as in {@code parts}. */
  void submit(long micros, byte[] choices, boolean[] parts) {
    int earned = 0;
    for (boolean part : parts) {
      earned += part ? 1 : 0;
    }
    this.attempts++;
    this.choices = choices.clone();
    this.parts = parts.clone();
    this.grade = earned;
    this.correct = earned == parts.length;
    this.lastSubmission = micros;
    this.modified = micros;
  }

  /** Clears the answers, as a reset does; attempts stay. */
  void reset(long micros) {
    this.choices = null;
    this.parts = null;
    this.grade = 0;
    this.correct = false;
    this.modified = micros;
  }

  /** The submitted answers by input id ({@code choice_N}); empty when none is submitted. */
  public JsonObject answers() {
    JsonObject answers = new JsonObject();
    for (int part = 0; choices != null && part < choices.length; part++) {
      answers.put(problem.inputId(part), "choice_" + choices[part]);
    }
    return answers;
  }

  /** The correctness map by input id, as capa writes it; empty when no answer is submitted. */
  public JsonObject correctMap() {
    JsonObject map = new JsonObject();
    for (int part = 0; parts != null && part < parts.length; part++) {
      map.put(problem.inputId(part), new JsonObject()
          .put("correctness", parts[part] ? "correct" : "incorrect")
          .put("npoints", null)
          .put("msg", "")
          .put("hint", "")
          .put("hintmode", null)
          .put("queuestate", null)
          .put("answervariable", null));
    }
    return map;
  }

  /** An empty input state per input: capa's {@code input_state}. */
  public JsonObject inputState() {
    JsonObject inputs = new JsonObject();
    for (int part = 0; part < problem.parts(); part++) {
      inputs.put(problem.inputId(part), new JsonObject());
    }
    return inputs;
  }

  /** The state as {@code problem_check} reports it in {@code state}. */
  JsonObject capaState() {
    return new JsonObject()
        .put("seed", 1)
        .put("student_answers", answers())
        .put("done", done() ? Boolean.TRUE : null)
        .put("correct_map", correctMap())
        .put("input_state", inputState());
  }

  /** The problem. */
  public Problem problem() {
    return problem;
  }

  /** When the state was created (first shown). */
  public long created() {
    return created;
  }

  /** When it last changed. */
  public long modified() {
    return modified;
  }

  /** When the last answer was submitted; 0 if never. */
  public long lastSubmission() {
    return lastSubmission;
  }

  /** Submissions so far. */
  public int attempts() {
    return attempts;
  }

  /** Points of the last submission (0 after a reset). */
  public int grade() {
    return grade;
  }

  /** Whether the last submission was entirely correct. */
  public boolean correct() {
    return correct;
  }

  /** Whether an answer is currently submitted. */
  public boolean done() {
    return choices != null;
  }
}
