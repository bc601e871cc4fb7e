package org.anserv.modules.enrollment;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anserv.api.Sql;

/**
 * What the LMS read-replica says: enrolments from {@code student_courseenrollment}, and the profiles
 * ({@code auth_userprofile}) of the learners enrolled now. Everything is counted by the database ({@code GROUP BY}),
 * so a course of any size costs a few rows.
 */
final class Replica {

  /** The profile columns counted, by the name they have in results. Column names are never taken from callers. */
  private static final Map<String, String> PROFILE_COLUMNS = Map.of(
      "age", "year_of_birth", "gender", "gender", "education", "level_of_education", "country", "country");

  private static final String ENROLLED_NOW = " FROM student_courseenrollment e"
      + " LEFT JOIN auth_userprofile p ON p.user_id = e.user_id WHERE e.course_id = ? AND e.is_active = 1";

  private final Sql sql;

  Replica(Sql sql) {
    this.sql = sql;
  }

  /** {@code {students, enrollments_active, modes: {mode: n}}} of {@code course}, as the platform has them. */
  Future<JsonObject> enrollments(String course) {
    Future<List<JsonObject>> counts = sql.query("SELECT COUNT(*) AS students, COALESCE(SUM(is_active), 0) AS active"
        + " FROM student_courseenrollment WHERE course_id = ?", course);
    Future<List<JsonObject>> modes = sql.query("SELECT mode, COUNT(*) AS n FROM student_courseenrollment"
        + " WHERE course_id = ? AND is_active = 1 GROUP BY mode ORDER BY mode", course);
    return Future.all(counts, modes).map(all -> {
      JsonObject row = counts.result().getFirst();
      JsonObject byMode = new JsonObject();
      modes.result().forEach(m -> byMode.put(m.getString("mode"), number(m.getValue("n"))));
      return new JsonObject().put("students", number(row.getValue("students")))
          .put("enrollments_active", number(row.getValue("active"))).put("modes", byMode);
    });
  }

  /** The demographics of the learners enrolled in {@code course} now; ages as reached in {@code year}. */
  Future<JsonObject> demographics(String course, int year) {
    Map<String, Future<List<JsonObject>>> groups = new LinkedHashMap<>();
    PROFILE_COLUMNS.forEach((name, column) -> groups.put(name,
        sql.query("SELECT p." + column + " AS value, COUNT(*) AS n" + ENROLLED_NOW + " GROUP BY p." + column,
            course)));
    return Future.all(List.copyOf(groups.values())).map(all -> {
      JsonObject figures = new JsonObject().put("course", course).put("year", year)
          .put("students", groups.get("gender").result().stream().mapToLong(r -> number(r.getValue("n"))).sum());
      figures.put("age", AgeBand.count(groups.get("age").result(), year));
      for (String name : List.of("gender", "education", "country")) {
        figures.put(name, byCode(groups.get(name).result()));
      }
      return figures;
    });
  }

  // Most frequent first; blanks (NULL or empty, as edX leaves unanswered fields) are "unknown".
  private static JsonObject byCode(List<JsonObject> rows) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (JsonObject row : rows) {
      Object value = row.getValue("value");
      String code = value == null || value.toString().isBlank() ? AgeBand.UNKNOWN : value.toString();
      counts.merge(code, number(row.getValue("n")), Long::sum);
    }
    JsonObject sorted = new JsonObject();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  static long number(Object value) {
    return value instanceof Number n ? n.longValue() : 0L;
  }
}
