package org.anserv.modules.problems;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.anserv.api.Template;

/** The per-problem figures of one course, as the {@code course} query's JSON and as the course view. */
final class CoursePage {

  private CoursePage() {
  }

  /** The {@code course} query's value; see its description for the shape. */
  static JsonObject summary(String course, List<ProblemFigures> figures) {
    long attempts = figures.stream().mapToLong(ProblemFigures::firstAttempts).sum();
    long correct = figures.stream().mapToLong(ProblemFigures::firstAttemptCorrect).sum();
    double possible = figures.stream().mapToDouble(f -> f.maxGrade() == null ? 0 : f.maxGrade()).sum();
    JsonArray problems = new JsonArray();
    figures.forEach(f -> problems.add(f.json()));
    return new JsonObject()
        .put("course", course)
        .put("max_points", possible)
        .put("first_attempts", attempts)
        .put("first_attempt_correct", correct)
        .put("first_attempt_correct_rate", new Ratio(correct, attempts).value())
        .put("problems", problems);
  }

  /** The course view: the grade summary and histogram, then a chart and a table of the problems. */
  static Template template(String course, List<ProblemFigures> figures, CourseGrades grades) {
    JsonObject summary = summary(course, figures);
    JsonObject distribution = grades.summary();
    JsonArray rows = new JsonArray();
    figures.forEach(f -> {
      JsonObject row = f.json();
      rows.add(row.put("first_rate", Ratio.percent(row.getDouble("first_attempt_correct_rate")))
          .put("show_rate", Ratio.percent(row.getDouble("show_answer_rate")))
          .put("mean_attempts", row.getValue("mean_attempts_to_correct") == null ? "–"
              : row.getValue("mean_attempts_to_correct")));
    });
    return Template.of("templates/problems/course.hbs", new JsonObject()
        .put("course", course)
        .put("learners", distribution.getInteger("learners"))
        .put("passed", distribution.getLong("passed"))
        .put("mean_grade", Ratio.percent(distribution.getDouble("mean_grade")))
        .put("max_points", grades.maxPoints())
        .put("first_rate", Ratio.percent(summary.getDouble("first_attempt_correct_rate")))
        .put("histogram", grades.histogram().encode())
        .put("correctness", correctnessChart(figures).encode())
        .put("problems", rows));
  }

  // First-attempt correctness per problem, in the table's order.
  private static JsonObject correctnessChart(List<ProblemFigures> figures) {
    JsonArray labels = new JsonArray();
    JsonArray rates = new JsonArray();
    for (ProblemFigures f : figures) {
      Double rate = new Ratio(f.firstAttemptCorrect(), f.firstAttempts()).value();
      labels.add(f.displayName());
      rates.add(rate == null ? null : Ratio.rounded(rate * 100));
    }
    return new JsonObject().put("type", "bar")
        .put("data", new JsonObject().put("labels", labels).put("datasets", new JsonArray()
            .add(new JsonObject().put("label", "first attempt correct (%)").put("data", rates))))
        .put("options", new JsonObject()
            .put("scales", new JsonObject().put("y", new JsonObject().put("min", 0).put("max", 100)))
            .put("plugins", new JsonObject().put("legend", new JsonObject().put("display", false))));
  }
}
