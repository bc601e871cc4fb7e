package org.anserv.modules.atrisk;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.anserv.api.Db;
import org.anserv.api.Event;

/**
 * The reasons recorded per student and course ({@code reasons}, {@code _id} {@code course|user}): the problems
 * failed repeatedly ({@code failed_problems}, a set), the last inactivity signal ({@code inactive}), and any other
 * reason another module signals ({@code other}, a set of names). Recording is idempotent, so a signal emitted twice
 * (a replay, or an hourly run after a restart) counts once.
 */
final class Reasons {

  private static final String PREFIX = "anserv.atrisk.";

  private boolean indexed;

  void record(Event event, Db db) {
    if (event.username().isEmpty() || event.courseId().isEmpty()) {
      return;
    }
    if (!indexed) {
      indexed = true;
      db.collection("reasons").createIndex(new JsonObject().put("course", 1), false).await();
    }
    String user = event.username().get();
    String course = event.courseId().get();
    JsonObject update = new JsonObject().put("$set", new JsonObject().put("course", course).put("user", user));
    switch (event.type()) {
      case Signals.FAILED_ATTEMPTS -> update.put("$addToSet", new JsonObject()
          .put("failed_problems", event.payloadText("problem_id").orElse("unknown")));
      case Signals.INACTIVE -> update.getJsonObject("$set").put("inactive", new JsonObject()
          .put("last_active", event.payloadText("last_active").orElse(""))
          .put("days_inactive", event.payloadNumber("days_inactive").map(Double::longValue).orElse(0L)));
      default -> update.put("$addToSet", new JsonObject().put("other", event.type().substring(PREFIX.length())));
    }
    db.collection("reasons").update(new JsonObject().put("_id", course + "|" + user), update, true).await();
  }

  /**
   * The students of {@code course} with at least one current reason, most reasons first: {@code {user, reasons}}.
   * An inactivity signal no longer counts once the student was active after it.
   */
  List<JsonObject> of(String course, Db db, Activity activity) {
    List<JsonObject> recorded = db.collection("reasons").find(new JsonObject().put("course", course)).await();
    Map<String, Long> lastActive = activity.lastActive(course,
        recorded.stream().map(r -> r.getString("user")).toList(), db);
    List<JsonObject> students = new ArrayList<>();
    for (JsonObject doc : recorded) {
      JsonArray reasons = current(doc, lastActive.get(doc.getString("user")));
      if (!reasons.isEmpty()) {
        students.add(new JsonObject().put("user", doc.getString("user")).put("reasons", reasons));
      }
    }
    students.sort(Comparator.<JsonObject>comparingInt(s -> -s.getJsonArray("reasons").size())
        .thenComparing(s -> s.getString("user")));
    return students;
  }

  private static JsonArray current(JsonObject doc, Long lastActive) {
    JsonArray reasons = new JsonArray();
    JsonArray failed = doc.getJsonArray("failed_problems", new JsonArray());
    if (!failed.isEmpty()) {
      reasons.add(new JsonObject().put("reason", "failed_attempts")
          .put("problems", new JsonArray(failed.stream().map(String::valueOf).sorted().toList())));
    }
    JsonObject inactive = doc.getJsonObject("inactive");
    if (inactive != null && stillInactive(inactive.getString("last_active"), lastActive)) {
      reasons.add(new JsonObject().put("reason", "inactive").mergeIn(inactive));
    }
    doc.getJsonArray("other", new JsonArray()).stream().map(String::valueOf).sorted()
        .forEach(other -> reasons.add(new JsonObject().put("reason", other)));
    return reasons;
  }

  private static boolean stillInactive(String flaggedLastActive, Long lastActive) {
    try {
      return lastActive == null || lastActive <= Instant.parse(flaggedLastActive).toEpochMilli();
    } catch (RuntimeException unreadable) {
      return true;
    }
  }
}
