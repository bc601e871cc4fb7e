package org.anserv.modules.atrisk;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.anserv.api.Db;
import org.anserv.api.Emitter;
import org.anserv.api.Event;
import org.anserv.api.event.EnrollmentAction;
import org.anserv.api.event.EnrollmentActivity;

/**
 * When each student was last active in each course ({@code activity}, {@code _id} {@code course|user}:
 * {@code last_active} in epoch milliseconds, {@code enrolled}, {@code flagged}). The newest {@code last_active} is
 * the clock inactivity is measured by. Only events from outside anserv are activity: a module's signal about a
 * student is not the student doing something. Enrolment events set {@code enrolled}, taking the event's user as the
 * learner, as self-service enrolments are logged; unenrolled students are not flagged.
 */
final class Activity {

  private boolean indexed;

  /** One upsert per event: the student's last activity in the course. */
  void record(Event event, Db db) {
    if (event.origin().emittingModule().isPresent() || event.time().isEmpty() || event.username().isEmpty()
        || event.courseId().isEmpty()) {
      return;
    }
    ensureIndexes(db);
    long time = event.time().get().toEpochMilli();
    String user = event.username().get();
    String course = event.courseId().get();
    // New activity clears the flag, so that a student who comes back and goes quiet again is flagged again.
    JsonObject state = new JsonObject().put("course", course).put("user", user).put("flagged", false);
    event.enrollment().map(EnrollmentActivity::action).ifPresent(action -> {
      if (action == EnrollmentAction.ACTIVATED || action == EnrollmentAction.DEACTIVATED) {
        state.put("enrolled", action == EnrollmentAction.ACTIVATED);
      }
    });
    db.collection("activity").update(new JsonObject().put("_id", course + "|" + user), new JsonObject()
        .put("$max", new JsonObject().put("last_active", time)).put("$set", state), true).await();
  }

  /** Emits {@link Signals#INACTIVE} for every enrolled student quiet for 7 days and not flagged since. */
  void flagInactive(Db db, Emitter emitter) {
    List<JsonObject> newest = db.collection("activity")
        .find(new JsonObject(), new JsonObject().put("last_active", -1), 1).await();
    if (newest.isEmpty()) {
      return;
    }
    Instant now = Instant.ofEpochMilli(newest.getFirst().getLong("last_active"));
    long cutoff = now.minus(Signals.INACTIVE_AFTER).toEpochMilli();
    List<JsonObject> quiet = db.collection("activity").find(new JsonObject().put("flagged", false)
        .put("enrolled", new JsonObject().put("$ne", false))
        .put("last_active", new JsonObject().put("$lte", cutoff))).await();
    for (JsonObject student : quiet) {
      emitter.emit(Signals.inactive(student.getString("user"), student.getString("course"), now,
          Instant.ofEpochMilli(student.getLong("last_active")))).await();
      db.collection("activity").update(new JsonObject().put("_id", student.getString("_id")),
          new JsonObject().put("$set", new JsonObject().put("flagged", true)), false).await();
    }
  }

  /** The last activity in epoch milliseconds of each of {@code users} in {@code course}, by user. */
  Map<String, Long> lastActive(String course, List<String> users, Db db) {
    JsonArray ids = new JsonArray();
    users.forEach(user -> ids.add(course + "|" + user));
    Map<String, Long> last = new HashMap<>();
    db.collection("activity").find(new JsonObject().put("_id", new JsonObject().put("$in", ids))).await()
        .forEach(doc -> last.put(doc.getString("user"), doc.getLong("last_active")));
    return last;
  }

  // The clock and the cron's search; done once per deployment (a rebuild deploys a fresh instance).
  private void ensureIndexes(Db db) {
    if (!indexed) {
      indexed = true;
      db.collection("activity").createIndex(new JsonObject().put("last_active", -1), false).await();
      db.collection("activity").createIndex(new JsonObject().put("flagged", 1).put("last_active", 1), false).await();
    }
  }
}
