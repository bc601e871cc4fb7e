package org.anserv.modules.activity;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anserv.api.Db;

/**
 * Reads what {@link Recorder} wrote and shapes it as the module's JSON answers. Every read goes through an index
 * the recorder created; none scans more than one scope's documents.
 */
final class Reports {

  /** The windows of the "recent logins" view, as the original system showed them. */
  private static final Map<String, Duration> WINDOWS = windows();

  private final Db db;

  Reports(Db db) {
    this.db = db;
  }

  /** {@code {"events", "students", "now", "courses": {course: events}}}. */
  Future<JsonObject> totals() {
    Future<List<JsonObject>> scopes = db.collection("scopes").find(new JsonObject(), new JsonObject().put("_id", 1), 0);
    Future<Long> students = db.collection("students").count(new JsonObject().put("course", Activity.ALL));
    return Future.all(scopes, students).map(done -> {
      JsonObject totals = new JsonObject().put("events", 0L).put("students", students.result()).putNull("now");
      JsonObject courses = new JsonObject();
      for (JsonObject scope : scopes.result()) {
        if (Activity.ALL.equals(scope.getString("_id"))) {
          totals.put("events", scope.getLong("events")).put("now", iso(scope.getLong("last")));
        } else {
          courses.put(scope.getString("_id"), scope.getLong("events"));
        }
      }
      return totals.put("courses", courses);
    });
  }

  /** {@code {"course", "events", "students", "last"}}; zeros and null for a course never seen. */
  Future<JsonObject> course(String course) {
    Future<JsonObject> scope = db.collection("scopes").findOne(new JsonObject().put("_id", course));
    Future<Long> students = db.collection("students").count(new JsonObject().put("course", course));
    return Future.all(scope, students).map(done -> new JsonObject().put("course", course)
        .put("events", scope.result() == null ? 0L : scope.result().getLong("events"))
        .put("students", students.result())
        .put("last", scope.result() == null ? null : iso(scope.result().getLong("last"))));
  }

  /** The ids of every course seen, sorted. */
  Future<JsonArray> courseIds() {
    return db.collection("scopes").find(new JsonObject().put("_id", new JsonObject().put("$ne", Activity.ALL)),
        new JsonObject().put("_id", 1), 0).map(scopes -> strings(scopes, "_id"));
  }

  /** The usernames of every student seen, sorted, at most {@code limit}. */
  Future<JsonArray> usernames(int limit) {
    return db.collection("students").find(new JsonObject().put("course", Activity.ALL),
        new JsonObject().put("user", 1), limit).map(students -> strings(students, "user"));
  }

  /** {@code {key: students}} for every period from the scope's first active one to its last, zeros included. */
  Future<JsonObject> active(Period period, String scope) {
    return db.collection(period.counts()).find(new JsonObject().put("course", scope)).map(counts -> {
      Map<String, Long> known = new LinkedHashMap<>();
      counts.forEach(count -> known.put(count.getString(period.field()), count.getLong("students")));
      JsonObject series = new JsonObject();
      if (!known.isEmpty()) {
        List<String> keys = new ArrayList<>(known.keySet());
        keys.sort(null);
        period.span(keys.getFirst(), keys.getLast()).forEach(key -> series.put(key, known.getOrDefault(key, 0L)));
      }
      return series;
    });
  }

  /** {@code {"user", "events", "first", "last", "courses": [{"course", "events", "first", "last"}]}}. */
  Future<JsonObject> lastSeen(String user) {
    return db.collection("students").find(new JsonObject().put("user", user), new JsonObject().put("course", 1), 0)
        .map(scopes -> {
          JsonObject seen = new JsonObject().put("user", user).put("events", 0L).putNull("first").putNull("last");
          JsonArray courses = new JsonArray();
          for (JsonObject scope : scopes) {
            if (Activity.ALL.equals(scope.getString("course"))) {
              seen.put("events", scope.getLong("events")).put("first", iso(scope.getLong("first")))
                  .put("last", iso(scope.getLong("last")));
            } else {
              courses.add(seenEntry(scope, "course"));
            }
          }
          return seen.put("courses", courses);
        });
  }

  /** {@code [{"user", "events", "first", "last"}]}: the scope's students, the most recently seen first. */
  Future<JsonArray> lastSeenIn(String scope, int limit) {
    return db.collection("students").find(new JsonObject().put("course", scope),
        new JsonObject().put("last", -1).put("user", 1), limit).map(students -> {
          JsonArray list = new JsonArray();
          students.forEach(student -> list.add(seenEntry(student, "user")));
          return list;
        });
  }

  /**
   * {@code {"now", "minute", "hour", "day", "week"}}: students of the scope active in the window ending at
   * "now", the time of the latest event seen in any course (so that replayed or demo data, whose clock is in the
   * past, shows what the original live view showed then); zeros and a null "now" before any event.
   */
  Future<JsonObject> recent(String scope) {
    return db.collection("scopes").findOne(new JsonObject().put("_id", Activity.ALL)).compose(all -> {
      Long now = all == null ? null : all.getLong("last");
      JsonObject recent = new JsonObject().put("now", iso(now));
      List<Future<?>> counts = new ArrayList<>();
      WINDOWS.forEach((name, window) -> {
        recent.put(name, 0L);
        if (now != null) {
          JsonObject since = new JsonObject().put("$gt", now - window.toMillis());
          counts.add(db.collection("students").count(new JsonObject().put("course", scope).put("last", since))
              .onSuccess(count -> recent.put(name, count)));
        }
      });
      return Future.all(counts).map(done -> recent);
    });
  }

  private static Map<String, Duration> windows() {
    Map<String, Duration> windows = new LinkedHashMap<>();
    windows.put("minute", Duration.ofMinutes(1));
    windows.put("hour", Duration.ofHours(1));
    windows.put("day", Duration.ofDays(1));
    windows.put("week", Duration.ofDays(7));
    return windows;
  }

  private static JsonObject seenEntry(JsonObject student, String name) {
    return new JsonObject().put(name, student.getString(name)).put("events", student.getLong("events"))
        .put("first", iso(student.getLong("first"))).put("last", iso(student.getLong("last")));
  }

  private static JsonArray strings(List<JsonObject> documents, String field) {
    JsonArray values = new JsonArray();
    documents.forEach(document -> values.add(document.getString(field)));
    return values;
  }

  private static String iso(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis).toString();
  }
}
