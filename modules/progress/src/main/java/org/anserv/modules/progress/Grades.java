package org.anserv.modules.progress;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import org.anserv.api.Queries;

/**
 * Grades, asked of the {@code problems} module over the event bus rather than computed again here: one definition of
 * a grade (its {@code CourseGrades}), one place that keeps the submissions. Calls fail with the {@code QueryFailure}
 * the bus gives when that module is not deployed.
 */
final class Grades {

  static final String MODULE = "problems";

  private Grades() {
  }

  /** The grade of {@code user} in {@code course}, from 0 to 1 (4 decimals); 0 when they submitted nothing. */
  static Future<Double> of(Queries queries, String user, String course) {
    return queries.call(MODULE, "student", Map.of("user", user, "course", course)).map(result -> {
      JsonArray courses = ((JsonObject) result).getJsonArray("courses");
      return courses.isEmpty() ? 0.0 : courses.getJsonObject(0).getDouble("grade");
    });
  }

  /** Every graded learner's grade in {@code course}, by username. */
  static Future<Map<String, Double>> ofCourse(Queries queries, String course) {
    return queries.call(MODULE, "grades", Map.of("course", course)).map(result -> {
      Map<String, Double> grades = new TreeMap<>();
      ((JsonArray) result).forEach(g -> grades.put(((JsonObject) g).getString("user"),
          ((JsonObject) g).getDouble("grade")));
      return grades;
    });
  }

  /** How many learners of {@code course} have a passing grade. */
  static Future<Long> passed(Queries queries, String course) {
    return queries.call(MODULE, "grade-distribution", Map.of("course", course))
        .map(result -> ((JsonObject) result).getLong("passed"));
  }
}
