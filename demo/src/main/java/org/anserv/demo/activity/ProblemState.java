package org.anserv.demo.activity;

import io.vertx.core.json.JsonObject;

/**
 * One learner's state of one problem, as capa keeps it in {@code courseware_studentmodule.state}: answers, the
 * correctness map, attempts, and the current grade (the last submission's score).
 */
public final class ProblemState {

  private final long created;
  private long modified;
  private long lastSubmission;
  private int attempts;
  private int grade;
  private boolean done;
  private boolean correct;
  private JsonObject answers = new JsonObject();
  private JsonObject correctMap = new JsonObject();

  ProblemState(long created) {
    this.created = created;
    this.modified = created;
  }

  /** Records a submission. */
  void submit(long micros, JsonObject answers, JsonObject correctMap, int grade, boolean correct) {
    this.attempts++;
    this.answers = answers;
    this.correctMap = correctMap;
    this.grade = grade;
    this.correct = correct;
    this.done = true;
    this.lastSubmission = micros;
    this.modified = micros;
  }

  /** Clears the answers, as a reset does; attempts stay. */
  void reset(long micros) {
    this.answers = new JsonObject();
    this.correctMap = new JsonObject();
    this.done = false;
    this.grade = 0;
    this.correct = false;
    this.modified = micros;
  }

  /** The capa state: what {@code problem_check} reports as {@code state} and the table stores. */
  JsonObject capaState(JsonObject inputState) {
    return new JsonObject()
        .put("seed", 1)
        .put("student_answers", answers.copy())
        .put("done", done ? Boolean.TRUE : null)
        .put("correct_map", correctMap.copy())
        .put("input_state", inputState);
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

  /** The submitted answers by input id. */
  public JsonObject answers() {
    return answers;
  }

  /** The correctness map by input id. */
  public JsonObject correctMap() {
    return correctMap;
  }

  /** Whether an answer is currently submitted. */
  public boolean done() {
    return done;
  }
}
