package org.anserv.runtime.deploy;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import org.anserv.api.Template;
import org.anserv.runtime.bus.Failures;
import org.anserv.runtime.define.MethodDefinition;
import org.anserv.runtime.define.ModuleDefinition;
import org.anserv.runtime.render.TemplateException;
import org.anserv.runtime.render.TemplateRenderer;

/**
 * Renders a view with the sample data its module ships as the resource {@code samples/<module>/<view>.json}, so a
 * view's look can be worked on with no database and no events: no module code runs. The file holds
 * {@code {"template": "templates/<module>/<view>.hbs", "data": {...}}}, or {@code {"html": "..."}} for a view that
 * returns {@code Html}. The module's name is part of the path because modules on one class path share its
 * resources.
 */
final class ViewSamples {

  private final ModuleDefinition module;
  private final TemplateRenderer renderer;

  ViewSamples(ModuleDefinition module, TemplateRenderer renderer) {
    this.module = module;
    this.renderer = renderer;
  }

  /** The resource path of {@code view}'s sample data. */
  static String path(String module, String view) {
    return "samples/" + module + "/" + view + ".json";
  }

  /** Whether the module ships sample data for {@code view}. */
  boolean has(String view) {
    return module.type().getClassLoader().getResource(path(module.name(), view)) != null;
  }

  /** The HTML of {@code view} with its sample data; fails with 404 when there is none, 500 when it is broken. */
  Future<String> render(MethodDefinition view) {
    String path = path(module.name(), view.name());
    String where = "Sample data of view '" + module.name() + "/" + view.name() + "' (" + path + ")";
    URL resource = module.type().getClassLoader().getResource(path);
    if (resource == null) {
      return EndpointCalls.failure(Failures.NOT_FOUND, "View '" + module.name() + "/" + view.name() + "' has no"
          + " sample data: put what its template shows in src/main/resources/" + path + " as {\"template\":"
          + " \"templates/" + module.name() + "/" + view.name() + ".hbs\", \"data\": {...}}.");
    }
    JsonObject sample;
    try (InputStream in = resource.openStream()) {
      sample = new JsonObject(Buffer.buffer(in.readAllBytes()));
    } catch (IOException | DecodeException e) {
      return EndpointCalls.failure(Failures.MODULE_FAILED, where + " cannot be read: " + e.getMessage());
    }
    if (sample.getValue("html") instanceof String html) {
      return Future.succeededFuture(html);
    }
    if (!(sample.getValue("template") instanceof String template)
        || !(sample.getValue("data", new JsonObject()) instanceof JsonObject data)) {
      return EndpointCalls.failure(Failures.MODULE_FAILED, where + " needs \"template\", the template's resource"
          + " path, and \"data\", an object, or else \"html\".");
    }
    try {
      return Future.succeededFuture(renderer.render(Template.of(template, data), view.name()));
    } catch (TemplateException e) {
      return EndpointCalls.failure(Failures.MODULE_FAILED, e.getMessage());
    }
  }
}
