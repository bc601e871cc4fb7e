package org.anserv.modules.enrollment;

import io.vertx.core.json.JsonObject;
import java.util.TreeSet;

/** Sets the figures counted from events beside the replica's and says how far they differ. */
final class CrossCheck {

  private CrossCheck() {
  }

  /** The figures a cross-check compares, out of a course summary. */
  static JsonObject figures(JsonObject summary) {
    return new JsonObject().put("students", summary.getLong("students"))
        .put("enrollments_active", summary.getLong("enrollments_active")).put("modes", summary.getJsonObject("modes"));
  }

  /** The check of {@code course}; {@code replica} is null when it could not be read, and {@code error} says why. */
  static JsonObject of(String course, JsonObject events, JsonObject replica, String error) {
    JsonObject check = new JsonObject().put("course", course).put("events", events).put("replica", replica)
        .put("difference", replica == null ? null : difference(events, replica));
    return error == null ? check : check.put("replica_error", error);
  }

  private static JsonObject difference(JsonObject events, JsonObject replica) {
    JsonObject modes = new JsonObject();
    TreeSet<String> names = new TreeSet<>(events.getJsonObject("modes").fieldNames());
    names.addAll(replica.getJsonObject("modes").fieldNames());
    names.forEach(mode -> modes.put(mode, events.getJsonObject("modes").getLong(mode, 0L)
        - replica.getJsonObject("modes").getLong(mode, 0L)));
    return new JsonObject()
        .put("students", events.getLong("students") - replica.getLong("students"))
        .put("enrollments_active", events.getLong("enrollments_active") - replica.getLong("enrollments_active"))
        .put("modes", modes);
  }
}
