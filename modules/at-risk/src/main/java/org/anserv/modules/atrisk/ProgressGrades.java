package org.anserv.modules.atrisk;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.anserv.api.Queries;
import org.anserv.api.QueryFailure;

/**
 * Students' grades from the {@code progress} module's query {@code student(user, course)} ({@code {grade, ...}}),
 * called over the event bus like any other caller would. When that module is not deployed (404) no further call is
 * made and every grade is null; any other failure leaves that student's grade null.
 */
final class ProgressGrades {

  private static final String MODULE = "progress";

  private final Map<String, Double> grades;
  private final String missing;

  private ProgressGrades(Map<String, Double> grades, String missing) {
    this.grades = grades;
    this.missing = missing;
  }

  static ProgressGrades of(Queries queries, String course, List<String> users) {
    Map<String, Double> grades = new HashMap<>();
    for (String user : users) {
      try {
        Object answer = queries.call(MODULE, "student", Map.of("user", user, "course", course)).await();
        if (answer instanceof JsonObject progress
            && progress.getValue("grade") instanceof Number grade) {
          grades.put(user, grade.doubleValue());
        }
      } catch (QueryFailure failure) {
        if (failure.status() == 404) {
          return new ProgressGrades(grades, failure.getMessage());
        }
      }
    }
    return new ProgressGrades(grades, null);
  }

  /** The grade of {@code user}, from 0 to 1, or null when unknown. */
  Double of(String user) {
    return grades.get(user);
  }

  /** Why no grade could be had (the progress module is not deployed), or null. */
  String missing() {
    return missing;
  }
}
