package org.anserv.modules.problems;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the Chart.js configurations a view puts, escaped, in {@code data-chart} attributes. */
final class Charts {

  private static final Pattern ATTRIBUTE = Pattern.compile("data-chart=\"([^\"]*)\"");

  private Charts() {
  }

  /** The first chart of {@code html}, unescaped and parsed. */
  static JsonObject first(String html) {
    Matcher attribute = ATTRIBUTE.matcher(html);
    assertThat(attribute.find()).as("a canvas with data-chart in %s", html).isTrue();
    assertThat(attribute.group(1)).doesNotContain("<", "\"");
    return new JsonObject(attribute.group(1).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
        .replace("&#x3D;", "=").replace("&#x2F;", "/").replace("&#x27;", "'").replace("&#x60;", "`")
        .replace("&amp;", "&"));
  }
}
