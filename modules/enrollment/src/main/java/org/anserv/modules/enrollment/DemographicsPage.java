package org.anserv.modules.enrollment;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** The data of the {@code demographics} template: one chart and one table per question, with readable labels. */
final class DemographicsPage {

  private static final Map<String, String> GENDER = Map.of("m", "Male", "f", "Female", "o", "Other");
  private static final Map<String, String> EDUCATION = Map.ofEntries(
      Map.entry("p", "Doctorate"), Map.entry("m", "Master's or professional degree"),
      Map.entry("b", "Bachelor's degree"), Map.entry("a", "Associate degree"),
      Map.entry("hs", "Secondary/high school"), Map.entry("jhs", "Junior secondary/middle school"),
      Map.entry("el", "Elementary/primary school"), Map.entry("none", "No formal education"),
      Map.entry("other", "Other education"));
  private static final int COUNTRIES_SHOWN = 15;

  private DemographicsPage() {
  }

  static JsonObject of(JsonObject figures) {
    return new JsonObject()
        .put("course", figures.getString("course"))
        .put("year", figures.getInteger("year"))
        .put("students", figures.getLong("students"))
        .put("sections", new JsonArray()
            .add(section("Age in " + figures.getInteger("year"), "bar", figures.getJsonObject("age"), Map.of(),
                Integer.MAX_VALUE))
            .add(section("Gender", "doughnut", figures.getJsonObject("gender"), GENDER, Integer.MAX_VALUE))
            .add(section("Level of education", "bar", figures.getJsonObject("education"), EDUCATION,
                Integer.MAX_VALUE))
            .add(section("Country (most frequent)", "bar", figures.getJsonObject("country"), Map.of(),
                COUNTRIES_SHOWN)));
  }

  private static JsonObject section(String title, String type, JsonObject counts, Map<String, String> names,
      int limit) {
    JsonArray labels = new JsonArray();
    JsonArray values = new JsonArray();
    JsonArray rows = new JsonArray();
    counts.forEach(entry -> {
      if (labels.size() < limit) {
        String label = entry.getKey().equals(AgeBand.UNKNOWN) ? "Unknown" : names.getOrDefault(entry.getKey(),
            entry.getKey());
        labels.add(label);
        values.add(entry.getValue());
        rows.add(new JsonObject().put("label", label).put("count", entry.getValue()));
      }
    });
    return new JsonObject().put("title", title).put("rows", rows)
        .put("chart", ChartJs.chart(type, labels, new JsonArray().add(ChartJs.dataset("learners", values))).encode());
  }
}
