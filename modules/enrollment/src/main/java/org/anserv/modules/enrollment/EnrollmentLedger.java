package org.anserv.modules.enrollment;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.anserv.api.Collection;
import org.anserv.api.Db;
import org.anserv.api.event.EnrollmentActivity;

/**
 * The module's state and its reads. Three collections, each written with one upsert per event:
 * <ul>
 *   <li>{@code totals}: per course ({@code _id}) the counts of {@code enrollments}, {@code unenrollments} and
 *       {@code mode_changes} events;
 *   <li>{@code days}: the same per course and UTC day ({@code _id} {@code course|day});
 *   <li>{@code learners}: per course and learner ({@code _id} {@code course|learner}) whether the enrolment is
 *       {@code active} and its {@code mode}. The learner is the payload's {@code user_id}, else its
 *       {@code username}: the event's own username may be the staff member who made the change.
 * </ul>
 */
final class EnrollmentLedger {

  private boolean indexed;

  Future<Void> record(EnrollmentActivity change, Optional<Instant> time, Db db) {
    String course = change.courseId().orElseThrow();
    String counter = switch (change.action()) {
      case ACTIVATED -> "enrollments";
      case DEACTIVATED -> "unenrollments";
      default -> "mode_changes";
    };
    List<Future<?>> writes = new ArrayList<>();
    writes.add(indexes(db));
    writes.add(db.collection("totals").increment(new JsonObject().put("_id", course), counter, 1));
    time.map(t -> LocalDate.ofInstant(t, ZoneOffset.UTC).toString()).ifPresent(day -> writes.add(
        db.collection("days").update(new JsonObject().put("_id", course + "|" + day),
            new JsonObject().put("$set", new JsonObject().put("course", course).put("day", day))
                .put("$inc", new JsonObject().put(counter, 1)), true)));
    change.userId().map(String::valueOf).or(change::username).ifPresent(learner -> writes.add(
        db.collection("learners").update(new JsonObject().put("_id", course + "|" + learner),
            new JsonObject().put("$set", learnerState(change, course, learner)), true)));
    return Future.all(writes).mapEmpty();
  }

  private static JsonObject learnerState(EnrollmentActivity change, String course, String learner) {
    JsonObject state = new JsonObject().put("course", course).put("learner", learner);
    switch (change.action()) {
      case ACTIVATED -> state.put("active", true);
      case DEACTIVATED -> state.put("active", false);
      default -> { }
    }
    change.mode().ifPresent(mode -> state.put("mode", mode));
    return state;
  }

  // Once per deployment: a rebuild deploys a fresh instance, whose first event creates them again.
  private Future<Void> indexes(Db db) {
    if (indexed) {
      return Future.succeededFuture();
    }
    indexed = true;
    return Future.all(
        db.collection("days").createIndex(new JsonObject().put("course", 1).put("day", 1), false),
        db.collection("learners").createIndex(new JsonObject().put("course", 1).put("active", 1), false)).mapEmpty();
  }

  Future<JsonArray> courses(Db db) {
    return db.collection("totals").find(new JsonObject(), new JsonObject().put("_id", 1), 0).map(docs -> {
      JsonArray courses = new JsonArray();
      docs.forEach(doc -> courses.add(new JsonObject().put("id", doc.getString("_id")).mergeIn(counts(doc))));
      return courses;
    });
  }

  Future<JsonObject> summary(String course, Db db) {
    Collection learners = db.collection("learners");
    Future<Long> students = learners.count(new JsonObject().put("course", course));
    Future<Long> active = learners.count(new JsonObject().put("course", course).put("active", true));
    Future<JsonObject> modes = learners.aggregate(new JsonArray()
        .add(new JsonObject().put("$match", new JsonObject().put("course", course).put("active", true)))
        .add(new JsonObject().put("$group", new JsonObject().put("_id", "$mode")
            .put("n", new JsonObject().put("$sum", 1)))))
        .map(EnrollmentLedger::modes);
    Future<JsonObject> totals = db.collection("totals").findOne(new JsonObject().put("_id", course));
    return Future.all(students, active, modes, totals).map(all -> counts(totals.result())
        .put("course", course)
        .put("students", students.result())
        .put("enrollments_active", active.result())
        .put("modes", modes.result()));
  }

  Future<JsonArray> timeline(String course, Db db) {
    return db.collection("days").find(new JsonObject().put("course", course), new JsonObject().put("day", 1), 0)
        .map(EnrollmentLedger::everyDay);
  }

  // Days without a change are listed too, so that a chart's x axis is time.
  private static JsonArray everyDay(List<JsonObject> days) {
    JsonArray timeline = new JsonArray();
    if (days.isEmpty()) {
      return timeline;
    }
    long active = 0;
    int next = 0;
    LocalDate last = LocalDate.parse(days.getLast().getString("day"));
    for (LocalDate day = LocalDate.parse(days.getFirst().getString("day")); !day.isAfter(last);
        day = day.plusDays(1)) {
      JsonObject stored = next < days.size() && days.get(next).getString("day").equals(day.toString())
          ? days.get(next++) : null;
      JsonObject counts = counts(stored);
      active += counts.getLong("enrollments") - counts.getLong("unenrollments");
      timeline.add(new JsonObject().put("day", day.toString()).mergeIn(counts).put("active", active));
    }
    return timeline;
  }

  private static JsonObject counts(JsonObject doc) {
    JsonObject stored = doc == null ? new JsonObject() : doc;
    return new JsonObject()
        .put("enrollments", stored.getLong("enrollments", 0L))
        .put("unenrollments", stored.getLong("unenrollments", 0L))
        .put("mode_changes", stored.getLong("mode_changes", 0L));
  }

  private static JsonObject modes(List<JsonObject> groups) {
    JsonObject modes = new JsonObject();
    groups.stream().filter(g -> g.getValue("_id") != null)
        .sorted((a, b) -> a.getString("_id").compareTo(b.getString("_id")))
        .forEach(g -> modes.put(g.getString("_id"), ((Number) g.getValue("n")).longValue()));
    return modes;
  }
}
