package org.anserv.modules.problems;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.anserv.api.ReadOnlyDb;
import org.anserv.api.Template;

/**
 * One learner's problem progress in each course they are enrolled in or submitted to: problems attempted and
 * currently correct, points, the course grade (as {@link CourseGrades} defines it) and every problem's state.
 */
final class LearnerProgress {

  private LearnerProgress() {
  }

  /**
   * The progress of {@code user} in {@code course}, or in every course when {@code course} is empty:
   * {@code {user, courses: [{course, points, max_points, grade, problems_attempted, problems_correct,
   * problems: [{problem, display_name, max_grade, grade, attempts, checks, correct, showed_answer}]}]}}.
   */
  static Future<JsonObject> of(String user, String course, ReadOnlyDb db) {
    JsonObject match = new JsonObject().put("user", user);
    if (!course.isEmpty()) {
      match.put("course", course);
    }
    Future<List<JsonObject>> states = db.readCollection(Problems.STATES)
        .find(match, new JsonObject().put("course", 1).put("problem", 1), 0);
    Future<List<JsonObject>> enrolled = db.readCollection(Problems.ENROLLMENTS).find(match);
    return Future.all(states, enrolled).compose(all -> {
      Set<String> courses = new TreeSet<>();
      enrolled.result().forEach(enrollment -> courses.add(enrollment.getString("course")));
      states.result().forEach(state -> courses.add(state.getString("course")));
      return db.readCollection(Problems.CATALOGUE)
          .find(new JsonObject().put("course", new JsonObject().put("$in", new JsonArray(new ArrayList<>(courses)))))
          .map(catalogue -> new JsonObject().put("user", user)
              .put("courses", perCourse(courses, states.result(), catalogue)));
    });
  }

  /** The student view of {@link #of}'s value: each course's grade as a percentage, then its problems. */
  static Template template(JsonObject progress) {
    JsonObject data = progress.copy();
    data.getJsonArray("courses").forEach(course -> {
      JsonObject summary = (JsonObject) course;
      summary.put("grade_percent", Ratio.percent(summary.getDouble("grade")));
    });
    return Template.of("templates/problems/student.hbs", data);
  }

  private static JsonArray perCourse(Set<String> courses, List<JsonObject> states, List<JsonObject> catalogue) {
    Map<String, JsonObject> summaries = new TreeMap<>();
    for (String course : courses) {
      summaries.put(course, new JsonObject().put("course", course).put("points", 0.0).put("max_points", 0.0)
          .put("problems_attempted", 0).put("problems_correct", 0).put("problems", new JsonArray()));
    }
    Map<String, String> titles = new TreeMap<>();
    for (JsonObject entry : catalogue) {
      JsonObject summary = summaries.get(entry.getString("course"));
      summary.put("max_points", summary.getDouble("max_points") + number(entry, "max_grade"));
      titles.put(entry.getString("course") + " " + entry.getString("problem"), entry.getString("display_name"));
    }
    for (JsonObject state : states) {
      JsonObject summary = summaries.get(state.getString("course"));
      String problem = state.getString("problem");
      boolean attempted = number(state, "checks") > 0;
      boolean correct = state.getBoolean("correct", false);
      summary.put("points", summary.getDouble("points") + number(state, "grade"))
          .put("problems_attempted", summary.getInteger("problems_attempted") + (attempted ? 1 : 0))
          .put("problems_correct", summary.getInteger("problems_correct") + (correct ? 1 : 0));
      summary.getJsonArray("problems").add(new JsonObject()
          .put("problem", problem)
          .put("display_name", titles.getOrDefault(state.getString("course") + " " + problem, problem))
          .put("max_grade", state.getValue("max_grade"))
          .put("grade", number(state, "grade"))
          .put("attempts", (long) number(state, "attempts"))
          .put("checks", (long) number(state, "checks"))
          .put("correct", correct)
          .put("showed_answer", number(state, "shown") > 0));
    }
    JsonArray out = new JsonArray();
    summaries.values().forEach(summary -> {
      double possible = summary.getDouble("max_points");
      out.add(summary.put("grade", Ratio.rounded(possible == 0 ? 0 : summary.getDouble("points") / possible)));
    });
    return out;
  }

  private static double number(JsonObject document, String field) {
    return document.getValue(field) instanceof Number n ? n.doubleValue() : 0;
  }
}
