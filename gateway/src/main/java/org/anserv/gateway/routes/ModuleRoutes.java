package org.anserv.gateway.routes;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.regex.Pattern;
import java.util.Map;
import java.util.UUID;
import org.anserv.gateway.http.ApiError;
import org.anserv.gateway.security.CallerAuth;
import org.anserv.runtime.call.CallRequest;
import org.anserv.runtime.call.ModuleCalls;

/**
 * {@code GET /views/{module}/{view}} (HTML) and {@code GET /queries/{module}/{query}} (JSON): forwards the call with
 * its query-string parameters to the module over the event bus and writes the answer.
 *
 * <p>A browser (one that accepts {@code text/html}) never waits long for a view: past the asynchronous threshold it
 * gets a progress page ({@code 202}) that fills in from {@code /views/{module}/{view}/result/{token}} when the view is
 * ready, and a failed view is an HTML error page rather than JSON. {@code ?sample=true} renders the view with the
 * module's sample data.
 */
public final class ModuleRoutes {

  private static final int MAX_PARAM_CHARS = 4096;
  private static final int MAX_PARAMS = 32;
  private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
  /** How long one refresh of a progress page waits for the view before answering the progress page again. */
  private static final long RESULT_WAIT_MS = 5_000;

  private final Vertx vertx;
  private final ModuleCalls calls;
  private final DeliveryOptions options;
  private final DeliveryOptions resultOptions;
  private final long asyncAfterMillis;

  /**
   * Routes whose calls go through {@code calls} and time out after {@code timeoutMillis}; a browser gets a progress
   * page for a view not ready after {@code asyncAfterMillis} (0: never).
   */
  public ModuleRoutes(Vertx vertx, ModuleCalls calls, long timeoutMillis, long asyncAfterMillis) {
    this.vertx = vertx;
    this.calls = calls;
    this.options = new DeliveryOptions().setSendTimeout(timeoutMillis);
    // The browser is answered after RESULT_WAIT_MS in any case; the request lives on only to be dropped.
    this.resultOptions = new DeliveryOptions().setSendTimeout(RESULT_WAIT_MS + 1_000);
    this.asyncAfterMillis = asyncAfterMillis;
  }

  public void query(RoutingContext ctx) {
    String module = ctx.pathParam("module");
    String query = ctx.pathParam("name");
    Map<String, String> params = params(ctx);
    if (params == null) {
      return;
    }
    calls.request(module, CallRequest.onBehalfOf(CallRequest.query(query, params), CallerAuth.caller(ctx)), options)
        .onSuccess(reply -> {
          String json;
          try {
            json = Json.encode(reply.getValue("result"));
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
    String view = ctx.pathParam("name");
    Map<String, String> params = params(ctx);
    if (params == null) {
      return;
    }
    if ("true".equals(params.get("sample"))) {
      callView(ctx, CallRequest.sample(view), options, null);
    } else if (asyncAfterMillis > 0 && browser(ctx)) {
      String token = UUID.randomUUID().toString();
      long now = System.currentTimeMillis();
      callView(ctx, CallRequest.view(view, params, token), options,
          new Waiting(resultPath(ctx, token, now), now, asyncAfterMillis));
    } else {
      callView(ctx, CallRequest.view(view, params), options, null);
    }
  }

  /**
   * {@code GET /views/{module}/{view}/result/{token}?since=...}: the view a progress page waits for, or after a few
   * seconds the progress page again.
   */
  public void viewResult(RoutingContext ctx) {
    String token = ctx.pathParam("token");
    long since = since(ctx.queryParams().get("since"));
    callView(ctx, CallRequest.result(ctx.pathParam("name"), token), resultOptions,
        new Waiting(resultPath(ctx, token, since), since, RESULT_WAIT_MS));
  }

  /**
   * How long a browser waits before it gets a progress page instead.
   *
   * @param resultPath where the progress page asks for the view
   * @param since when the view was first asked for, in epoch milliseconds
   * @param millis how long this request waits for the view
   */
  private record Waiting(String resultPath, long since, long millis) {
  }

  // The call goes on when the browser is given the progress page: the module keeps its answer under the token.
  private void callView(RoutingContext ctx, JsonObject request, DeliveryOptions delivery, Waiting waiting) {
    String module = ctx.pathParam("module");
    String view = ctx.pathParam("name");
    Future<JsonObject> reply = calls.request(module, CallRequest.onBehalfOf(request, CallerAuth.caller(ctx)),
        delivery);
    if (waiting != null) {
      long timer = vertx.setTimer(waiting.millis(), id -> html(ctx, 202, ViewPages.pending(module, view,
          waiting.resultPath(), waiting.since(), System.currentTimeMillis())));
      reply.onComplete(done -> vertx.cancelTimer(timer));
    }
    reply.onSuccess(answer -> html(ctx, 200, ViewPages.view(module, view, answer.getString("html"))))
        .onFailure(cause -> {
          String target = "View '" + module + "/" + view + "'";
          if (browser(ctx)) {
            ApiError.Failure failure = ApiError.failure(target, cause);
            html(ctx, failure.status(), ViewPages.error(module, view, failure));
          } else {
            ApiError.fromBus(ctx, target, cause);
          }
        });
  }

  private static String resultPath(RoutingContext ctx, String token, long since) {
    return "/views/" + ctx.pathParam("module") + "/" + ctx.pathParam("name") + "/result/" + token + "?since=" + since;
  }

  private static long since(String text) {
    try {
      return text == null ? System.currentTimeMillis() : Long.parseLong(text);
    } catch (NumberFormatException e) {
      return System.currentTimeMillis();
    }
  }

  private static void html(RoutingContext ctx, int status, String page) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store").end(page);
  }

  private static boolean browser(RoutingContext ctx) {
    String accept = ctx.request().getHeader("Accept");
    return accept != null && accept.contains("text/html");
  }

  private static Map<String, String> params(RoutingContext ctx) {
    MultiMap query = ctx.queryParams();
    Map<String, String> params = new HashMap<>();
    if (query.size() > MAX_PARAMS) {
      ApiError.send(ctx, 400, "The request has " + query.size() + " parameters: at most " + MAX_PARAMS + ".");
      return null;
    }
    for (String name : query.names()) {
      List<String> values = query.getAll(name);
      String value = values.getFirst();
      if (name.length() > 64 || value.length() > MAX_PARAM_CHARS) {
        ApiError.send(ctx, 400, "Parameter '" + name.substring(0, Math.min(64, name.length())) + "' is too long:"
            + " names are at most 64 characters and values at most " + MAX_PARAM_CHARS + ".");
        return null;
      }
      // Odd names and repeated parameters are refused, so no two readers can disagree on what was asked.
      if (!PARAM_NAME.matcher(name).matches()) {
        ApiError.send(ctx, 400, "Parameter name '" + name + "' is not valid: use letters, digits, '_', '-' and '.'.");
        return null;
      }
      if (values.size() > 1) {
        ApiError.send(ctx, 400, "Parameter '" + name + "' is given " + values.size() + " times: give it once.");
        return null;
      }
      params.put(name, value);
    }
    return params;
  }
}
