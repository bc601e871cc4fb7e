package org.anserv.modules.problems;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anserv.api.ReadOnlyDb;

/**
 * What the learners of one course did with one problem, summed over their states.
 *
 * @param problem the problem's usage key
 * @param displayName its title, or the usage key when no event named it
 * @param maxGrade the points possible, {@code null} when no graded submission was seen (only shown answers)
 * @param checks graded submissions (server {@code problem_check} events)
 * @param learners learners who submitted or asked to see the answer
 * @param firstAttempts learners whose first submission was seen
 * @param firstAttemptCorrect learners whose first submission was entirely correct
 * @param solved learners who submitted an entirely correct answer at some attempt
 * @param attemptsToSolve the sum, over learners who solved it, of the attempt that first solved it
 * @param showedAnswer learners who asked to see the answer
 */
record ProblemFigures(String problem, String displayName, Double maxGrade, long checks, long learners,
    long firstAttempts, long firstAttemptCorrect, long solved, long attemptsToSolve, long showedAnswer) {

  /** The figures of every problem of {@code course} that learners worked on, by title. */
  static Future<List<ProblemFigures>> ofCourse(String course, ReadOnlyDb db) {
    return of(new JsonObject().put("course", course), db);
  }

  /** The figures of {@code problem} in {@code course}; an empty list when nobody worked on it. */
  static Future<List<ProblemFigures>> ofProblem(String course, String problem, ReadOnlyDb db) {
    return of(new JsonObject().put("course", course).put("problem", problem), db);
  }

  private static Future<List<ProblemFigures>> of(JsonObject match, ReadOnlyDb db) {
    JsonArray pipeline = new JsonArray()
        .add(new JsonObject().put("$match", match))
        .add(new JsonObject().put("$group", new JsonObject().put("_id", "$problem")
            .put("checks", sum("$checks")).put("learners", sum(1))
            .put("first_attempts", sum("$first_attempt")).put("first_attempt_correct", sum("$first_correct"))
            .put("solved", sum("$solved")).put("attempts_to_solve", sum("$attempts_to_solve"))
            .put("showed_answer", sum("$shown"))));
    Future<List<JsonObject>> groups = db.readCollection(Problems.STATES).aggregate(pipeline);
    Future<List<JsonObject>> catalogue = db.readCollection(Problems.CATALOGUE).find(match);
    return Future.all(groups, catalogue).map(all -> join(groups.result(), catalogue.result()));
  }

  private static List<ProblemFigures> join(List<JsonObject> groups, List<JsonObject> catalogue) {
    Map<String, JsonObject> known = new LinkedHashMap<>();
    catalogue.forEach(entry -> known.put(entry.getString("problem"), entry));
    List<ProblemFigures> figures = new ArrayList<>();
    for (JsonObject group : groups) {
      String problem = group.getString("_id");
      JsonObject entry = known.getOrDefault(problem, new JsonObject());
      figures.add(new ProblemFigures(problem, entry.getString("display_name", problem),
          entry.getDouble("max_grade"), count(group, "checks"), count(group, "learners"),
          count(group, "first_attempts"), count(group, "first_attempt_correct"), count(group, "solved"),
          count(group, "attempts_to_solve"), count(group, "showed_answer")));
    }
    figures.sort(Comparator.comparing(ProblemFigures::displayName).thenComparing(ProblemFigures::problem));
    return figures;
  }

  /**
   * As JSON: {@code {problem, display_name, max_grade, checks, learners, first_attempts, first_attempt_correct,
   * first_attempt_correct_rate, solved, mean_attempts_to_correct, showed_answer, show_answer_rate}}.
   */
  JsonObject json() {
    return new JsonObject()
        .put("problem", problem)
        .put("display_name", displayName)
        .put("max_grade", maxGrade)
        .put("checks", checks)
        .put("learners", learners)
        .put("first_attempts", firstAttempts)
        .put("first_attempt_correct", firstAttemptCorrect)
        .put("first_attempt_correct_rate", new Ratio(firstAttemptCorrect, firstAttempts).value())
        .put("solved", solved)
        .put("mean_attempts_to_correct", new Ratio(attemptsToSolve, solved).value())
        .put("showed_answer", showedAnswer)
        .put("show_answer_rate", new Ratio(showedAnswer, learners).value());
  }

  private static JsonObject sum(Object what) {
    return new JsonObject().put("$sum", what);
  }

  // $sum gives an int, a long or a double depending on what it added.
  private static long count(JsonObject group, String field) {
    return group.getValue(field) instanceof Number n ? n.longValue() : 0;
  }
}
