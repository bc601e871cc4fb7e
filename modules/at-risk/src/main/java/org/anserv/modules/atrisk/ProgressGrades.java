package org.anserv.modules.atrisk;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.anserv.api.Queries;
import org.anserv.api.QueryFailure;

/**
 * Students' grades from the {@code progress} module's query {@code student(user, course)} ({@code {grade, ...}}),
 * called over the event bus like any other caller would. When that module is not deployed (404), refuses calls
 * (503) or does not answer in time (504), no further call is made and the remaining grades are null; any other
 * failure (bad parameters, the module threw) leaves that one student's grade null.
 */
final class ProgressGrades {

  private static final String MODULE = "progress";
  /** Not deployed, refusing calls, or too slow: asking again for the next student would not help. */
  private static final Set<Integer> UNREACHABLE = Set.of(404, 503, 504);

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
        if (UNREACHABLE.contains(failure.status())) {
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

  /** Why grades could not be had (the progress module is not deployed or not answering), or null. */
  String missing() {
    return missing;
  }
}
