package org.anserv.modules.enrollment;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.TreeSet;

/** The data of the {@code overview} template: totals, two charts over time, and the check against the replica. */
final class OverviewPage {

  private OverviewPage() {
  }

  static JsonObject of(String course, JsonArray timeline, JsonObject check) {
    JsonArray days = new JsonArray();
    JsonArray active = new JsonArray();
    JsonArray enrolled = new JsonArray();
    JsonArray unenrolled = new JsonArray();
    JsonArray changed = new JsonArray();
    long enrollments = 0;
    long unenrollments = 0;
    long modeChanges = 0;
    for (Object entry : timeline) {
      JsonObject day = (JsonObject) entry;
      days.add(day.getString("day"));
      active.add(day.getLong("active"));
      enrolled.add(day.getLong("enrollments"));
      unenrolled.add(day.getLong("unenrollments"));
      changed.add(day.getLong("mode_changes"));
      enrollments += day.getLong("enrollments");
      unenrollments += day.getLong("unenrollments");
      modeChanges += day.getLong("mode_changes");
    }
    JsonObject events = check.getJsonObject("events");
    return new JsonObject()
        .put("course", course)
        .put("known", !timeline.isEmpty())
        .put("students", events.getLong("students"))
        .put("active", events.getLong("enrollments_active"))
        .put("enrollments", enrollments)
        .put("unenrollments", unenrollments)
        .put("modeChanges", modeChanges)
        .put("activeChart", ChartJs.chart("line", days, new JsonArray()
            .add(ChartJs.dataset("active enrolments", active))).encode())
        .put("changesChart", ChartJs.stacked(ChartJs.chart("bar", days, new JsonArray()
            .add(ChartJs.dataset("enrolments", enrolled))
            .add(ChartJs.dataset("unenrolments", unenrolled))
            .add(ChartJs.dataset("mode changes", changed)))).encode())
        .put("rows", rows(check))
        .put("replicaError", check.getString("replica_error"));
  }

  // One row per figure: events, replica, difference (the last two empty without a replica).
  private static JsonArray rows(JsonObject check) {
    JsonObject events = check.getJsonObject("events");
    JsonObject replica = check.getJsonObject("replica");
    JsonObject difference = check.getJsonObject("difference");
    JsonArray rows = new JsonArray()
        .add(row("ever enrolled", events, replica, difference, "students"))
        .add(row("enrolled now", events, replica, difference, "enrollments_active"));
    TreeSet<String> modes = new TreeSet<>(events.getJsonObject("modes").fieldNames());
    if (replica != null) {
      modes.addAll(replica.getJsonObject("modes").fieldNames());
    }
    for (String mode : modes) {
      rows.add(new JsonObject().put("figure", "enrolled now in " + mode)
          .put("events", events.getJsonObject("modes").getLong(mode, 0L))
          .put("replica", replica == null ? null : replica.getJsonObject("modes").getLong(mode, 0L))
          .put("difference", difference == null ? null : difference.getJsonObject("modes").getLong(mode, 0L)));
    }
    return rows;
  }

  private static JsonObject row(String figure, JsonObject events, JsonObject replica, JsonObject difference,
      String key) {
    return new JsonObject().put("figure", figure).put("events", events.getLong(key))
        .put("replica", replica == null ? null : replica.getLong(key))
        .put("difference", difference == null ? null : difference.getLong(key));
  }
}
