package org.anserv.testkit;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Chart.js configurations a view declares in {@code data-chart} attributes, for a module's tests: checks
 * they were HTML-escaped (no raw {@code <} or {@code "} inside the attribute) and parses them.
 *
 * <pre>{@code
 * JsonObject chart = ViewCharts.first(kit.view("counts", "overview", Map.of()));
 * assertThat(chart.getString("type")).isEqualTo("bar");
 * }</pre>
 */
public final class ViewCharts {

  private static final Pattern ATTRIBUTE = Pattern.compile("data-chart=\"([^\"]*)\"");

  private ViewCharts() {
  }

  /**
   * Every chart of {@code html}, in order.
   *
   * @throws AssertionError when an attribute was not escaped
   */
  public static List<JsonObject> all(String html) {
    List<JsonObject> charts = new ArrayList<>();
    Matcher attribute = ATTRIBUTE.matcher(html);
    while (attribute.find()) {
      String escaped = attribute.group(1);
      if (escaped.contains("<")) {
        throw new AssertionError("data-chart holds an unescaped '<': " + escaped);
      }
      charts.add(new JsonObject(unescape(escaped)));
    }
    return charts;
  }

  /**
   * The first chart of {@code html}.
   *
   * @throws AssertionError when the view declares none or an attribute was not escaped
   */
  public static JsonObject first(String html) {
    List<JsonObject> charts = all(html);
    if (charts.isEmpty()) {
      throw new AssertionError("No canvas with data-chart in " + html);
    }
    return charts.getFirst();
  }

  // Handlebars' escapes, with &amp; last so that an escaped entity stays text.
  private static String unescape(String text) {
    return text.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#x3D;", "=")
        .replace("&#x2F;", "/").replace("&#x27;", "'").replace("&#x60;", "`").replace("&amp;", "&");
  }
}
