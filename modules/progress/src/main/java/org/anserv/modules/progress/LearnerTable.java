package org.anserv.modules.progress;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.anserv.api.Queries;
import org.anserv.api.ReadOnlyDb;
import org.anserv.api.Template;

/**
 * Every learner of one course with their progress.
 *
 * @param course the course
 * @param learners the learners' figures, by username
 * @param grades their grades by username (absent means 0)
 * @param chapters the course's known chapters
 */
record LearnerTable(String course, List<LearnerFigures> learners, Map<String, Double> grades, Chapters chapters) {

  /** The learners of {@code course}: everyone with an event in it or enrolled in it. */
  static Future<LearnerTable> load(String course, ReadOnlyDb db, Queries queries) {
    Future<List<JsonObject>> documents = db.readCollection(Progress.LEARNERS)
        .find(new JsonObject().put("course", course), new JsonObject().put("user", 1), 0);
    Future<Chapters> chapters = Chapters.load(course, db);
    Future<Map<String, Double>> grades = Grades.ofCourse(queries, course);
    return Future.all(documents, chapters, grades).map(all -> new LearnerTable(course,
        documents.result().stream().map(d -> LearnerFigures.of(course, d.getString("user"), d)).toList(),
        grades.result(), chapters.result()));
  }

  /** Each learner's {@link LearnerFigures#summary summary}, by username. */
  JsonArray json() {
    JsonArray out = new JsonArray();
    learners.forEach(learner -> out.add(summary(learner)));
    return out;
  }

  /** The course view: a table of the learners. */
  Template template() {
    JsonArray rows = new JsonArray();
    learners.forEach(learner -> rows.add(summary(learner)
        .put("grade_percent", String.format(java.util.Locale.ROOT, "%.1f%%", 100 * grade(learner)))
        .put("time_text", learner.timeOnTaskText())));
    return Template.of("templates/progress/course.hbs", new JsonObject().put("course", course)
        .put("chapters_known", chapters.size()).put("learners", rows));
  }

  private JsonObject summary(LearnerFigures learner) {
    return learner.summary(grade(learner), chapters);
  }

  private double grade(LearnerFigures learner) {
    return grades.getOrDefault(learner.user(), 0.0);
  }
}
