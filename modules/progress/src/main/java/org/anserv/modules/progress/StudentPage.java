package org.anserv.modules.progress;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.anserv.api.Queries;
import org.anserv.api.ReadOnlyDb;
import org.anserv.api.Template;

/** The student view: a learner's progress in each of their courses, with a chart of their chapter completion. */
final class StudentPage {

  private StudentPage() {
  }

  /** The view of {@code user}'s progress in every course they have an event in or are enrolled in. */
  static Future<Template> load(String user, ReadOnlyDb db, Queries queries) {
    return db.readCollection(Progress.LEARNERS)
        .find(new JsonObject().put("user", user), new JsonObject().put("course", 1), 0)
        .compose(documents -> {
          List<Future<JsonObject>> courses = new ArrayList<>();
          documents.forEach(d -> courses.add(course(LearnerFigures.of(d.getString("course"), user, d), db, queries)));
          return Future.all(courses).map(all -> Template.of("templates/progress/student.hbs",
              new JsonObject().put("user", user).put("courses", new JsonArray(all.list()))));
        });
  }

  private static Future<JsonObject> course(LearnerFigures learner, ReadOnlyDb db, Queries queries) {
    Future<Chapters> chapters = Chapters.load(learner.course(), db);
    Future<Double> grade = Grades.of(queries, learner.user(), learner.course());
    return Future.all(chapters, grade).map(all -> {
      JsonArray completion = chapters.result().completion(learner.blocks());
      completion.forEach(c -> ((JsonObject) c).put("percent", percent(((JsonObject) c).getDouble("completion"))));
      return learner.summary(grade.result(), chapters.result())
          .put("grade_percent", percent(grade.result()))
          .put("time_text", learner.timeOnTaskText())
          .put("chapters", completion)
          .put("chart", chart(completion).encode());
    });
  }

  private static JsonObject chart(JsonArray completion) {
    JsonArray labels = new JsonArray();
    JsonArray percents = new JsonArray();
    completion.forEach(c -> {
      labels.add("Chapter " + ((JsonObject) c).getInteger("position"));
      percents.add(Math.round(1000 * ((JsonObject) c).getDouble("completion")) / 10.0);
    });
    return new JsonObject().put("type", "bar")
        .put("data", new JsonObject().put("labels", labels).put("datasets", new JsonArray()
            .add(new JsonObject().put("label", "completion (%)").put("data", percents))))
        .put("options", new JsonObject()
            .put("scales", new JsonObject().put("y", new JsonObject().put("min", 0).put("max", 100)))
            .put("plugins", new JsonObject().put("legend", new JsonObject().put("display", false))));
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }
}
