package org.anserv.modules.activity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A line chart of one series, as the Chart.js configuration a view's template puts, escaped, in a
 * {@code data-chart} attribute for the dashboard to draw. Being JSON, it carries data and never code.
 *
 * @param name what the values count, shown on the y axis
 * @param series each label (a day, a week) with its value, in order
 */
record LineChart(String name, JsonObject series) {

  /** The Chart.js configuration. */
  JsonObject config() {
    JsonArray labels = new JsonArray();
    JsonArray values = new JsonArray();
    series.forEach(entry -> {
      labels.add(entry.getKey());
      values.add(entry.getValue());
    });
    JsonObject dataset = new JsonObject().put("label", name).put("data", values).put("tension", 0.2)
        .put("pointRadius", 2);
    JsonObject y = new JsonObject().put("beginAtZero", true)
        .put("ticks", new JsonObject().put("precision", 0))
        .put("title", new JsonObject().put("display", true).put("text", name));
    return new JsonObject().put("type", "line")
        .put("data", new JsonObject().put("labels", labels).put("datasets", new JsonArray().add(dataset)))
        .put("options", new JsonObject()
            .put("plugins", new JsonObject().put("legend", new JsonObject().put("display", false)))
            .put("scales", new JsonObject().put("y", y)));
  }

  /** The configuration as JSON text, for a template. */
  String encode() {
    return config().encode();
  }
}
