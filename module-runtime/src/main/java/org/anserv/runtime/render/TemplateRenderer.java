package org.anserv.runtime.render;

import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.HandlebarsException;
import com.github.jknack.handlebars.io.URLTemplateLoader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.anserv.api.Template;

/**
 * Renders the Handlebars templates of one module from the module's own class loader, so templates in a module's jar
 * are found whichever loader deployed it. {@code {{x}}} escapes HTML. Compiled templates are kept.
 */
public final class TemplateRenderer {

  private final String module;
  private final Handlebars handlebars;
  private final Map<String, com.github.jknack.handlebars.Template> compiled = new ConcurrentHashMap<>();

  public TemplateRenderer(String module, ClassLoader loader) {
    this.module = module;
    this.handlebars = new Handlebars(new ModuleTemplateLoader(loader));
  }

  /**
   * The HTML of {@code template}.
   *
   * @throws TemplateException naming module, view, file, line and column when the template is missing or broken
   */
  public String render(Template template, String view) {
    try {
      com.github.jknack.handlebars.Template compiledTemplate = compiled.get(template.path());
      if (compiledTemplate == null) {
        compiledTemplate = handlebars.compile(template.path());
        compiled.put(template.path(), compiledTemplate);
      }
      return compiledTemplate.apply(plain(template.data()));
    } catch (HandlebarsException e) {
      // The loader reports paths from the root; the author wrote them relative to the resources.
      String file = e.getError().filename.startsWith("/") ? e.getError().filename.substring(1) : e.getError().filename;
      throw new TemplateException("Template error in module '" + module + "', view '" + view + "': "
          + file + ":" + e.getError().line + ":" + e.getError().column + ": " + e.getError().reason,
          e);
    } catch (IOException e) {
      throw new TemplateException("Template '" + template.path() + "' of module '" + module + "', view '" + view
          + "' cannot be read: " + e.getMessage() + ". Put it in the module's resources, e.g."
          + " src/main/resources/" + template.path(), e);
    }
  }

  private static Object plain(Object value) {
    if (value instanceof JsonObject object) {
      Map<String, Object> map = new LinkedHashMap<>();
      object.forEach(e -> map.put(e.getKey(), plain(e.getValue())));
      return map;
    }
    if (value instanceof JsonArray array) {
      List<Object> list = new ArrayList<>(array.size());
      array.forEach(item -> list.add(plain(item)));
      return list;
    }
    return value;
  }

  /** Finds templates as resources of the module's class loader; paths are given with their extension. */
  private static final class ModuleTemplateLoader extends URLTemplateLoader {

    private final ClassLoader loader;

    ModuleTemplateLoader(ClassLoader loader) {
      this.loader = loader;
      setPrefix("");
      setSuffix("");
    }

    @Override
    protected URL getResource(String location) {
      return loader.getResource(location.startsWith("/") ? location.substring(1) : location);
    }
  }
}
