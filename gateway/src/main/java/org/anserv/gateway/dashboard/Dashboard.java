package org.anserv.gateway.dashboard;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CSRFHandler;
import org.anserv.gateway.http.ApiError;
import org.anserv.gateway.security.GatewaySecurity;
import org.anserv.gateway.security.CallerAuth;

/**
 * The dashboard people open at {@code /}: every module's views grouped by category, each shown in a sandboxed frame
 * with a form for its parameters; a page per module with its handlers, queries to try, crons and statistics; and the
 * modules that failed to deploy. Pages are rendered on the server from the registry's schema; the scripts and
 * styles they use are static files under {@code /assets}, so a strict Content-Security-Policy holds.
 *
 * <p>Routes: {@code GET /}, {@code GET /modules/{module}}, {@code GET /modules/{module}/views/{view}} (HTML), and
 * {@code GET /modules/{module}/stats} (JSON: events handled and failed, calls, crons, queue depth).
 */
public final class Dashboard {

  private static final long PICK_LIST_TIMEOUT_MS = 2_000;

  private final Vertx vertx;
  private final MeterRegistry meters;
  private final long callTimeoutMillis;

  /**
   * A dashboard over the modules deployed on {@code vertx}.
   *
   * @param meters the registry the module runtime records its metrics in
   * @param callTimeoutMillis how long a module may take to answer a pick-list query (capped at two seconds, so a
   *     slow module delays a page only that long)
   */
  public Dashboard(Vertx vertx, MeterRegistry meters, long callTimeoutMillis) {
    this.vertx = vertx;
    this.meters = meters;
    this.callTimeoutMillis = callTimeoutMillis;
  }

  /**
   * Adds the dashboard's routes to {@code router}, after the security's caller handlers; its assets are served from
   * {@code /assets}. Pages issue CSRF tokens, and the login and logout posts require them.
   */
  public void mount(Router router, GatewaySecurity security) {
    Pages pages = new Pages();
    PickLists pickLists = new PickLists(vertx, Math.min(callTimeoutMillis, PICK_LIST_TIMEOUT_MS));
    CSRFHandler csrf = security.csrf(vertx);
    LoginPage login = new LoginPage(pages, security.store(), meters);
    for (String path : new String[] {Paths.HOME, Paths.MODULE_ROUTE, Paths.VIEW_ROUTE, Paths.LOGIN}) {
      router.get(path).handler(csrf);
    }
    router.get(Paths.LOGIN).handler(SecurityHeaders::apply).handler(login::form);
    router.post(Paths.LOGIN).handler(BodyHandler.create(false).setBodyLimit(16 * 1024)).handler(csrf)
        .handler(SecurityHeaders::apply).handler(login::login);
    router.post(Paths.LOGOUT).handler(BodyHandler.create(false).setBodyLimit(16 * 1024)).handler(csrf)
        .handler(login::logout);
    router.get(Paths.HOME).handler(SecurityHeaders::apply).handler(new HomePage(vertx, meters, pages)::handle);
    router.get(Paths.STATS_ROUTE).handler(this::stats);
    router.get(Paths.VIEW_ROUTE).handler(SecurityHeaders::apply)
        .handler(new ViewPage(vertx, pages, pickLists)::handle);
    router.get(Paths.MODULE_ROUTE).handler(SecurityHeaders::apply)
        .handler(new ModulePage(vertx, meters, pages, pickLists)::handle);
  }

  private void stats(RoutingContext ctx) {
    String name = ctx.pathParam("module");
    Catalog.fetch(vertx, CallerAuth.caller(ctx)).onFailure(cause -> ApiError.fromBus(ctx, "The module registry", cause)).onSuccess(catalog -> {
      boolean running = catalog.module(name).isPresent();
      if (!running && catalog.failure(name).isEmpty()) {
        ApiError.send(ctx, 404, "No module called '" + name + "' is deployed. GET /schema lists the modules.");
        return;
      }
      JsonObject stats = ModuleStats.of(meters, name).toJson().put("status", running ? "running" : "failed");
      ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
          .putHeader("Cache-Control", "no-store").end(stats.encode());
    });
  }
}
