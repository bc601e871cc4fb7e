package org.anserv.modules.atrisk;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** The rows of the {@code students} template: each reason in words, the grade as a percentage. */
final class StudentsPage {

  private StudentsPage() {
  }

  static JsonArray rows(JsonArray students) {
    JsonArray rows = new JsonArray();
    for (Object entry : students) {
      JsonObject student = (JsonObject) entry;
      List<String> reasons = new ArrayList<>();
      student.getJsonArray("reasons").forEach(reason -> reasons.add(words((JsonObject) reason)));
      Object grade = student.getValue("grade");
      rows.add(new JsonObject().put("user", student.getString("user")).put("reasons", new JsonArray(reasons))
          .put("grade", grade instanceof Number g ? String.format("%.0f%%", g.doubleValue() * 100) : "–"));
    }
    return rows;
  }

  private static String words(JsonObject reason) {
    return switch (reason.getString("reason")) {
      case "failed_attempts" -> Signals.FAILED_IN_A_ROW + " incorrect attempts in a row on "
          + reason.getJsonArray("problems").size() + " problem(s)";
      case "inactive" -> "inactive for " + reason.getLong("days_inactive") + " days (last active "
          + reason.getString("last_active") + ")";
      default -> reason.getString("reason").replace('_', ' ');
    };
  }
}
