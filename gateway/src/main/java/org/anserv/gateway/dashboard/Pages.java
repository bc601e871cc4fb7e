package org.anserv.gateway.dashboard;

import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.cache.ConcurrentMapTemplateCache;
import com.github.jknack.handlebars.context.MapValueResolver;
import com.github.jknack.handlebars.context.MethodValueResolver;
import com.github.jknack.handlebars.io.ClassPathTemplateLoader;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.anserv.gateway.security.CallerAuth;
import org.anserv.runtime.access.Caller;

/**
 * Renders the dashboard's Handlebars templates ({@code dashboard/*.hbs} on the class path) inside the common layout
 * and writes them. Templates read records through their accessors; {@code {{x}}} escapes HTML.
 */
final class Pages {

  /** The form field and context key of the CSRF token (Vert.x's CSRFHandler default). */
  static final String CSRF_FIELD = "X-XSRF-TOKEN";

  private final Handlebars handlebars = new Handlebars(new ClassPathTemplateLoader("/dashboard", ".hbs"))
      .with(new ConcurrentMapTemplateCache());

  /** What the layout shows around a page's body. */
  record Layout(String title, Navigation nav, String body, boolean charts, boolean home, String user, String role,
      String csrf) {
  }

  /**
   * Ends {@code ctx} with {@code template} applied to {@code model} inside the layout.
   *
   * @param charts whether the page declares charts, so the chart scripts are loaded
   */
  void send(RoutingContext ctx, int status, String template, String title, Navigation nav, Object model,
      boolean charts) {
    String body = apply(template, model);
    Caller caller = CallerAuth.caller(ctx);
    String html = apply("layout", new Layout(title, nav, body, charts, Paths.HOME.equals(ctx.request().path()),
        caller.name(), caller.role().label(), ctx.get(CSRF_FIELD)));
    ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store").end(html);
  }

  /** Ends {@code ctx} with {@code template} applied to {@code model}, without the layout's navigation. */
  void sendBare(RoutingContext ctx, int status, String template, String title, Object model) {
    send(ctx, status, template, title, new Navigation(List.of(), List.of(), List.of()), model, false);
  }

  /** Ends {@code ctx} with a page saying what went wrong. */
  void error(RoutingContext ctx, int status, String title, String message, Navigation nav) {
    send(ctx, status, "error", title, nav, new ErrorModel(title, message), false);
  }

  private record ErrorModel(String title, String message) {
  }

  private String apply(String template, Object model) {
    try {
      return handlebars.compile(template).apply(Context.newBuilder(model)
          .resolver(MapValueResolver.INSTANCE, MethodValueResolver.INSTANCE).build());
    } catch (IOException e) {
      throw new UncheckedIOException("Dashboard template '" + template + "' cannot be read", e);
    }
  }
}
