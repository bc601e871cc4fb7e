package org.anserv.modules.enrollment;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Chart.js 4 configurations, as JSON for a template's {@code data-chart} attribute (the dashboard draws them; JSON
 * carries no functions, so data cannot run code).
 */
final class ChartJs {

  private ChartJs() {
  }

  /** A chart of {@code type} ({@code bar}, {@code line}, {@code doughnut}) over {@code labels}. */
  static JsonObject chart(String type, JsonArray labels, JsonArray datasets) {
    return new JsonObject().put("type", type)
        .put("data", new JsonObject().put("labels", labels).put("datasets", datasets))
        .put("options", new JsonObject().put("plugins", new JsonObject()
            .put("legend", new JsonObject().put("display", datasets.size() > 1 || type.equals("doughnut")))));
  }

  /** One series. */
  static JsonObject dataset(String label, JsonArray values) {
    return new JsonObject().put("label", label).put("data", values);
  }

  /** The same bar chart with its bars stacked. */
  static JsonObject stacked(JsonObject chart) {
    JsonObject stacked = new JsonObject().put("stacked", true);
    chart.getJsonObject("options").put("scales", new JsonObject().put("x", stacked).put("y", stacked.copy()));
    return chart;
  }
}
