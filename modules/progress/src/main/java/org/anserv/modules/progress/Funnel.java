package org.anserv.modules.progress;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.anserv.api.Queries;
import org.anserv.api.ReadOnlyDb;

/**
 * How far the learners of a course got: enrolled (an enrollment event), started (any courseware activity), watched a
 * video (a play), attempted a problem (a submission), passed (a grade of at least 0.5, from the {@code problems}
 * module). Each stage counts the learners who reached it, whatever the earlier stages say: a learner enrolled before
 * the events began has started without being counted as enrolled.
 */
record Funnel(String course, long enrolled, long started, long watched, long attempted, long passed) {

  /** The funnel of {@code course}; zeros for an unknown course. */
  static Future<Funnel> load(String course, ReadOnlyDb db, Queries queries) {
    Future<Long> enrolled = count(db, course, "enrolled");
    Future<Long> started = count(db, course, "started");
    Future<Long> watched = count(db, course, "watched");
    Future<Long> attempted = count(db, course, "attempted");
    Future<Long> passed = Grades.passed(queries, course);
    return Future.all(enrolled, started, watched, attempted, passed).map(all -> new Funnel(course, enrolled.result(),
        started.result(), watched.result(), attempted.result(), passed.result()));
  }

  private static Future<Long> count(ReadOnlyDb db, String course, String flag) {
    return db.readCollection(Progress.LEARNERS).count(new JsonObject().put("course", course).put(flag, 1));
  }

  /** As JSON: {@code {course, enrolled, started, watched_video, attempted_problem, passed}}. */
  JsonObject json() {
    return new JsonObject().put("course", course).put("enrolled", enrolled).put("started", started)
        .put("watched_video", watched).put("attempted_problem", attempted).put("passed", passed);
  }

  /** The stages in order: {@code [{stage, learners, percent (of enrolled, as text)}]}. */
  JsonArray stages() {
    String[] names = {"enrolled", "started", "watched a video", "attempted a problem", "passed"};
    long[] counts = {enrolled, started, watched, attempted, passed};
    JsonArray stages = new JsonArray();
    for (int i = 0; i < names.length; i++) {
      stages.add(new JsonObject().put("stage", names[i]).put("learners", counts[i]).put("percent", enrolled == 0 ? "–"
          : String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * counts[i] / enrolled)));
    }
    return stages;
  }

  /** A horizontal Chart.js bar chart of the stages, for a {@code data-chart} attribute. */
  JsonObject chart() {
    JsonArray labels = new JsonArray();
    JsonArray learners = new JsonArray();
    stages().forEach(stage -> {
      labels.add(((JsonObject) stage).getString("stage"));
      learners.add(((JsonObject) stage).getLong("learners"));
    });
    return new JsonObject().put("type", "bar")
        .put("data", new JsonObject().put("labels", labels).put("datasets", new JsonArray()
            .add(new JsonObject().put("label", "learners").put("data", learners))))
        .put("options", new JsonObject().put("indexAxis", "y").put("plugins", new JsonObject()
            .put("legend", new JsonObject().put("display", false))));
  }
}
