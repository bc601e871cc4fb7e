package org.anserv.gateway.routes;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import org.anserv.api.Html;
import org.anserv.gateway.http.ApiError;
import org.anserv.runtime.bus.Addresses;
import org.anserv.runtime.deploy.CallRequest;

/**
 * {@code GET /views/{module}/{view}} (HTML) and {@code GET /queries/{module}/{query}} (JSON): forwards the call with
 * its query-string parameters to the module over the event bus and writes the answer.
 */
public final class ModuleRoutes {

  private static final int MAX_PARAM_CHARS = 4096;
  /** Scripts only from this server; styles may be inline, since templates often carry a style attribute. */
  private static final String VIEW_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
      + " img-src 'self' data:; object-src 'none'; base-uri 'none'";

  private final Vertx vertx;
  private final DeliveryOptions options;

  public ModuleRoutes(Vertx vertx, long timeoutMillis) {
    this.vertx = vertx;
    this.options = new DeliveryOptions().setSendTimeout(timeoutMillis);
  }

  public void query(RoutingContext ctx) {
    String module = ctx.pathParam("module");
    String query = ctx.pathParam("name");
    Map<String, String> params = params(ctx);
    if (params == null) {
      return;
    }
    vertx.eventBus().<JsonObject>request(Addresses.moduleCall(module), CallRequest.query(query, params), options)
        .onSuccess(reply -> {
          String json;
          try {
            json = Json.encode(reply.body().getValue("result"));
          } catch (EncodeException e) {
            ApiError.send(ctx, 500, "Query '" + module + "/" + query + "' returned a value that is not JSON: "
                + e.getMessage() + ". The module must return JsonObject, JsonArray, String, Number, Boolean,"
                + " List or Map.");
            return;
          }
          ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(json);
        })
        .onFailure(cause -> ApiError.fromBus(ctx, "Query '" + module + "/" + query + "'", cause));
  }

  public void view(RoutingContext ctx) {
    String module = ctx.pathParam("module");
    String view = ctx.pathParam("name");
    Map<String, String> params = params(ctx);
    if (params == null) {
      return;
    }
    vertx.eventBus().<JsonObject>request(Addresses.moduleCall(module), CallRequest.view(view, params), options)
        .onSuccess(reply -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
            .end(page(module + " / " + view, reply.body().getString("html"))))
        .onFailure(cause -> ApiError.fromBus(ctx, "View '" + module + "/" + view + "'", cause));
  }

  private static Map<String, String> params(RoutingContext ctx) {
    MultiMap query = ctx.queryParams();
    Map<String, String> params = new HashMap<>();
    for (String name : query.names()) {
      String value = query.get(name);
      if (name.length() > 64 || value.length() > MAX_PARAM_CHARS) {
        ApiError.send(ctx, 400, "Parameter '" + name.substring(0, Math.min(64, name.length())) + "' is too long:"
            + " names are at most 64 characters and values at most " + MAX_PARAM_CHARS + ".");
        return null;
      }
      params.put(name, value);
    }
    return params;
  }

  /**
   * Wraps a view's HTML in a page with the view stylesheet and {@code view.js} (tells the dashboard's frame its
   * height); when the view declares a chart ({@code <canvas data-chart="...">}), the vendored Chart.js and
   * {@code charts.js} that draws it. The policy allows scripts from this server only: a template cannot run inline
   * script.
   */
  private static String page(String title, String body) {
    String charts = body.contains("data-chart") ? "<script src=\"/assets/vendor/chart.umd.js\" defer></script>"
        + "<script src=\"/assets/charts.js\" defer></script>" : "";
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + VIEW_POLICY + "\"><title>" + Html.escape(title)
        + "</title><link rel=\"stylesheet\" href=\"/assets/view.css\"><script src=\"/assets/view.js\" defer></script>"
        + charts + "</head><body>\n" + body + "\n</body></html>\n";
  }
}
