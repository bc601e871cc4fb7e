package org.anserv.api;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * What a {@link View} returns to be rendered: a Handlebars template from the module's own resources and the data it
 * shows. {@code {{value}}} is HTML-escaped; {@code {{{value}}}} is not and is for trusted markup only.
 *
 * <pre>{@code
 * return Template.of("templates/counts.hbs", new JsonObject().put("total", 42));
 * }</pre>
 *
 * @param path the template's resource path in the module's jar, e.g. {@code templates/counts.hbs}
 * @param data the values the template shows
 */
public record Template(String path, JsonObject data) {

  public Template {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(data, "data");
  }

  /** The template at {@code path} with {@code data}. */
  public static Template of(String path, JsonObject data) {
    return new Template(path, data);
  }
}
