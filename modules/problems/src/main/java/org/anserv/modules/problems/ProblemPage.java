package org.anserv.modules.problems;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.List;
import org.anserv.api.ReadOnlyDb;
import org.anserv.api.Template;

/** One problem's figures, as the {@code problem} query's JSON and as the problem view. */
final class ProblemPage {

  private ProblemPage() {
  }

  /**
   * The figures of {@code problem} ({@link ProblemFigures#json()}) with its {@code course} and
   * {@code solved_by_attempt: [{attempt, learners}]}; a {@code null} result for a problem nobody worked on.
   */
  static Future<JsonObject> figures(String problem, ReadOnlyDb db) {
    return db.readCollection(Problems.STATES).findOne(new JsonObject().put("problem", problem)).compose(any -> {
      if (any == null) {
        return Future.succeededFuture();
      }
      String course = any.getString("course");
      Future<List<ProblemFigures>> figures = ProblemFigures.ofProblem(course, problem, db);
      Future<JsonArray> solved = solvedByAttempt(course, problem, db);
      return Future.all(figures, solved).map(all -> figures.result().getFirst().json().put("course", course)
          .put("solved_by_attempt", solved.result()));
    });
  }

  private static Future<JsonArray> solvedByAttempt(String course, String problem, ReadOnlyDb db) {
    JsonArray pipeline = new JsonArray()
        .add(new JsonObject().put("$match", new JsonObject().put("course", course).put("problem", problem)
            .put("solved", 1)))
        .add(new JsonObject().put("$group", new JsonObject().put("_id", "$attempts_to_solve")
            .put("learners", new JsonObject().put("$sum", 1))));
    return db.readCollection(Problems.STATES).aggregate(pipeline).map(groups -> {
      JsonArray counts = new JsonArray();
      groups.stream().filter(g -> g.getValue("_id") instanceof Number)
          .sorted(Comparator.comparingLong(g -> ((Number) g.getValue("_id")).longValue()))
          .forEach(g -> counts.add(new JsonObject().put("attempt", ((Number) g.getValue("_id")).longValue())
              .put("learners", ((Number) g.getValue("learners")).longValue())));
      return counts;
    });
  }

  /** The problem view; {@code figures} is {@code null} for a problem nobody worked on. */
  static Template template(String problem, JsonObject figures) {
    JsonObject data = new JsonObject().put("problem", problem).put("known", figures != null);
    if (figures != null) {
      data.put("figures", figures)
          .put("first_rate", Ratio.percent(figures.getDouble("first_attempt_correct_rate")))
          .put("show_rate", Ratio.percent(figures.getDouble("show_answer_rate")))
          .put("chart", attemptsChart(figures.getJsonArray("solved_by_attempt")).encode());
    }
    return Template.of("templates/problems/problem.hbs", data);
  }

  private static JsonObject attemptsChart(JsonArray solvedByAttempt) {
    JsonArray labels = new JsonArray();
    JsonArray learners = new JsonArray();
    solvedByAttempt.forEach(entry -> {
      labels.add("attempt " + ((JsonObject) entry).getLong("attempt"));
      learners.add(((JsonObject) entry).getLong("learners"));
    });
    return new JsonObject().put("type", "bar")
        .put("data", new JsonObject().put("labels", labels).put("datasets", new JsonArray()
            .add(new JsonObject().put("label", "learners who first got it right").put("data", learners))))
        .put("options", new JsonObject().put("plugins", new JsonObject()
            .put("legend", new JsonObject().put("display", false))));
  }
}
