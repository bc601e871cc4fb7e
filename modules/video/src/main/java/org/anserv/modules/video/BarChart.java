package org.anserv.modules.video;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A bar chart of one series, as the Chart.js configuration a view's template puts, escaped, in a
 * {@code data-chart} attribute for the dashboard to draw. Being JSON, it carries data and never code.
 *
 * @param name what the values are, shown on the y axis
 * @param labels one label per bar
 * @param values one value per bar
 * @param yMax the top of the y axis, or null to fit the data
 */
record BarChart(String name, JsonArray labels, JsonArray values, Number yMax) {

  /** The Chart.js configuration, as JSON text for a template. */
  String encode() {
    JsonObject dataset = new JsonObject().put("label", name).put("data", values).put("barPercentage", 1.0)
        .put("categoryPercentage", 1.0);
    JsonObject y = new JsonObject().put("beginAtZero", true)
        .put("title", new JsonObject().put("display", true).put("text", name));
    if (yMax != null) {
      y.put("max", yMax);
    }
    return new JsonObject().put("type", "bar")
        .put("data", new JsonObject().put("labels", labels).put("datasets", new JsonArray().add(dataset)))
        .put("options", new JsonObject()
            .put("plugins", new JsonObject().put("legend", new JsonObject().put("display", false)))
            .put("scales", new JsonObject().put("y", y)))
        .encode();
  }
}
