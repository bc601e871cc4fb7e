package org.anserv.modules.problems;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.anserv.api.ReadOnlyDb;

/**
 * The grades of one course's learners. A learner's grade is the sum of their current problem grades (each the last
 * submission's points, 0 after a reset) over the points possible in the course: the sum of the maximum grades of
 * every problem of the course that anyone submitted. A problem nobody has submitted yet is unknown to the events, so
 * it is left out of the points possible until someone does. The learners are everyone with an enrollment event in
 * the course (also those who unenrolled later) and everyone who submitted there; those without a submission have 0.
 *
 * @param course the course id
 * @param maxPoints the points possible
 * @param points the points earned, by learner, sorted by username
 */
record CourseGrades(String course, double maxPoints, Map<String, Double> points) {

  /** The grade a course needs to be passed. */
  static final double PASSING = 0.5;
  private static final int BUCKETS = 10;

  /** Reads the grades of {@code course}; an unknown course has no learners and no points possible. */
  static Future<CourseGrades> load(String course, ReadOnlyDb db) {
    JsonObject match = new JsonObject().put("course", course);
    Future<List<JsonObject>> catalogue = db.readCollection(Problems.CATALOGUE).find(match);
    Future<List<JsonObject>> earned = db.readCollection(Problems.STATES).aggregate(new JsonArray()
        .add(new JsonObject().put("$match", match))
        .add(new JsonObject().put("$group", new JsonObject().put("_id", "$user")
            .put("points", new JsonObject().put("$sum", "$grade")))));
    Future<List<JsonObject>> enrolled = db.readCollection(Problems.ENROLLMENTS).find(match);
    return Future.all(catalogue, earned, enrolled).map(all -> {
      Map<String, Double> points = new TreeMap<>();
      enrolled.result().forEach(enrollment -> points.put(enrollment.getString("user"), 0.0));
      earned.result().forEach(learner -> points.put(learner.getString("_id"), number(learner, "points")));
      double possible = catalogue.result().stream().mapToDouble(entry -> number(entry, "max_grade")).sum();
      return new CourseGrades(course, possible, points);
    });
  }

  /** The grade of {@code user}, from 0 to 1; 0 for a learner without points or when nothing is possible yet. */
  double grade(String user) {
    return maxPoints == 0 ? 0 : points.getOrDefault(user, 0.0) / maxPoints;
  }

  /** How many learners have each tenth of the grade: {@code [i/10, (i+1)/10)}, the last including 1. */
  long[] distribution() {
    long[] buckets = new long[BUCKETS];
    points.keySet().forEach(user -> buckets[Math.min(BUCKETS - 1, (int) Math.floor(grade(user) * BUCKETS))]++);
    return buckets;
  }

  /**
   * The summary: {@code {course, learners, max_points, grade_distribution: [10 counts], mean_grade (null without
   * learners), passed}}.
   */
  JsonObject summary() {
    JsonArray distribution = new JsonArray();
    for (long bucket : distribution()) {
      distribution.add(bucket);
    }
    double sum = points.keySet().stream().mapToDouble(this::grade).sum();
    return new JsonObject()
        .put("course", course)
        .put("learners", points.size())
        .put("max_points", maxPoints)
        .put("grade_distribution", distribution)
        .put("mean_grade", new Ratio(sum, points.size()).value())
        .put("passed", points.keySet().stream().filter(user -> grade(user) >= PASSING).count());
  }

  /** Every learner's grade: {@code [{user, points, grade}]} by username, grades rounded to 4 decimals. */
  JsonArray perLearner() {
    JsonArray learners = new JsonArray();
    points.forEach((user, earned) -> learners.add(new JsonObject().put("user", user).put("points", earned)
        .put("grade", Ratio.rounded(grade(user)))));
    return learners;
  }

  /** A Chart.js bar chart of {@link #distribution()}, for a {@code data-chart} attribute. */
  JsonObject histogram() {
    JsonArray labels = new JsonArray();
    JsonArray counts = new JsonArray();
    long[] buckets = distribution();
    for (int i = 0; i < BUCKETS; i++) {
      labels.add((i * 10) + (i == BUCKETS - 1 ? "–100%" : "–" + (i * 10 + 9) + "%"));
      counts.add(buckets[i]);
    }
    return new JsonObject().put("type", "bar")
        .put("data", new JsonObject().put("labels", labels).put("datasets", new JsonArray()
            .add(new JsonObject().put("label", "learners").put("data", counts))))
        .put("options", new JsonObject().put("plugins", new JsonObject()
            .put("legend", new JsonObject().put("display", false))));
  }

  private static double number(JsonObject document, String field) {
    return document.getValue(field) instanceof Number n ? n.doubleValue() : 0;
  }
}
