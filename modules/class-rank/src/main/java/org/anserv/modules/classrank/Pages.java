package org.anserv.modules.classrank;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** What the templates show: percentages, the histogram as a Chart.js configuration, table rows. */
final class Pages {

  private static final String BAR = "#8fa8c8";
  private static final String HIGHLIGHT = "#d9534f";

  private Pages() {
  }

  static String percent(Double share) {
    return share == null ? "–" : String.format("%.1f%%", share * 100);
  }

  /** Students per tenth of the grade range; the tenth holding {@code grade} (may be null) stands out. */
  static JsonObject histogram(Distribution distribution, Double grade) {
    JsonArray labels = new JsonArray();
    JsonArray counts = new JsonArray();
    JsonArray colors = new JsonArray();
    int mine = grade == null ? -1 : Math.min(9, (int) Math.floor(grade * 10));
    for (int i = 0; i < 10; i++) {
      labels.add(i * 10 + "–" + (i + 1) * 10 + "%");
      counts.add(distribution.buckets()[i]);
      colors.add(i == mine ? HIGHLIGHT : BAR);
    }
    return new JsonObject().put("type", "bar")
        .put("data", new JsonObject().put("labels", labels).put("datasets", new JsonArray().add(new JsonObject()
            .put("label", "students").put("data", counts).put("backgroundColor", colors))))
        .put("options", new JsonObject().put("plugins", new JsonObject()
            .put("legend", new JsonObject().put("display", false))));
  }

  static JsonArray rows(List<Standing> standings) {
    JsonArray rows = new JsonArray();
    standings.forEach(s -> rows.add(s.json().put("gradePercent", percent(s.grade()))));
    return rows;
  }
}
