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
    Map<String, CourseSummary> summaries = new TreeMap<>();
    courses.forEach(course -> summaries.put(course, new CourseSummary(course)));
    Map<String, String> titles = new TreeMap<>();
    for (JsonObject entry : catalogue) {
      summaries.get(entry.getString("course")).maxPoints += number(entry, "max_grade");
      titles.put(entry.getString("course") + " " + entry.getString("problem"), entry.getString("display_name"));
    }
    for (JsonObject state : states) {
      String problem = state.getString("problem");
      summaries.get(state.getString("course")).add(state,
          titles.getOrDefault(state.getString("course") + " " + problem, problem));
    }
    JsonArray out = new JsonArray();
    summaries.values().forEach(summary -> out.add(summary.json()));
    return out;
  }

  /** One course's part of a learner's progress, summed as its problem states are read. */
  private static final class CourseSummary {

    private final String course;
    private final JsonArray problems = new JsonArray();
    private double points;
    private double maxPoints;
    private int attempted;
    private int correct;

    CourseSummary(String course) {
      this.course = course;
    }

    void add(JsonObject state, String title) {
      boolean right = state.getBoolean("correct", false);
      points += number(state, "grade");
      attempted += number(state, "checks") > 0 ? 1 : 0;
      correct += right ? 1 : 0;
      problems.add(new JsonObject()
          .put("problem", state.getString("problem"))
          .put("display_name", title)
          .put("max_grade", state.getValue("max_grade"))
          .put("grade", number(state, "grade"))
          .put("attempts", (long) number(state, "attempts"))
          .put("checks", (long) number(state, "checks"))
          .put("correct", right)
          .put("showed_answer", number(state, "shown") > 0));
    }

    JsonObject json() {
      return new JsonObject().put("course", course).put("points", points).put("max_points", maxPoints)
          .put("grade", Ratio.rounded(maxPoints == 0 ? 0 : points / maxPoints))
          .put("problems_attempted", attempted).put("problems_correct", correct).put("problems", problems);
    }
  }

  private static double number(JsonObject document, String field) {
    return document.getValue(field) instanceof Number n ? n.doubleValue() : 0;
  }
}
