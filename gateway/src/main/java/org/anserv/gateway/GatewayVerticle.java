package org.anserv.gateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import org.anserv.gateway.caliper.CaliperIntake;
import org.anserv.gateway.dashboard.Dashboard;
import org.anserv.gateway.http.ApiError;
import org.anserv.gateway.http.RequestLog;
import org.anserv.gateway.intake.EventIntake;
import org.anserv.gateway.routes.AdminRoutes;
import org.anserv.gateway.routes.FileRoutes;
import org.anserv.gateway.routes.HealthRoute;
import org.anserv.gateway.routes.ModuleRoutes;
import org.anserv.gateway.routes.ReadyRoute;
import org.anserv.gateway.routes.SchemaRoute;
import org.anserv.gateway.security.GatewaySecurity;
import org.anserv.gateway.security.ProducerAuth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.anserv.gateway.xapi.XapiRoutes;
import org.anserv.gateway.xapi.XapiSettings;
import org.anserv.runtime.call.ModuleCalls;

/**
 * The HTTP gateway: event intake, view, query and file routing, schema, metrics and health. It reaches modules only over
 * the event bus. Deployed once per event loop; all instances share the port.
 */
public final class GatewayVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger("anserv.gateway");

  private final GatewaySettings settings;
  private final GatewaySecurity security;
  private final PrometheusMeterRegistry meters;
  private final HealthChecks readiness;
  private final XapiSettings xapi;
  private final ModuleCalls calls;
  private HttpServer server;

  /** The gateway of one event loop; {@code calls} reach the modules, wherever they or their shards run. */
  public GatewayVerticle(GatewaySettings settings, GatewaySecurity security, PrometheusMeterRegistry meters,
      HealthChecks readiness, XapiSettings xapi, ModuleCalls calls) {
    this.calls = calls;
    this.settings = settings;
    this.security = security;
    this.meters = meters;
    this.readiness = readiness;
    this.xapi = xapi;
  }

  @Override
  public Future<?> start() {
    // Compressed event bodies are inflated by the intake itself, strictly (a truncated body is refused).
    server = vertx.createHttpServer(new HttpServerOptions());
    return server.requestHandler(router()).listen(settings.port(), settings.host());
  }

  // node.role=modules: what operators and load balancers ask of any node, and a clear answer for the rest.
  private Router managementRouter(Router router) {
    router.get("/health").handler(new HealthRoute(vertx)::handle);
    router.get("/ready").handler(new ReadyRoute(readiness)::handle);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(meters));
    router.route().handler(ctx -> ApiError.send(ctx, 421, "This node runs modules only (node.role=modules): send"
        + " events, views and queries to a gateway node (node.role=gateway or all). Here: GET /health, /ready,"
        + " /metrics."));
    return router;
  }

  /** The port actually bound, useful when configured as 0. */
  public int actualPort() {
    return server.actualPort();
  }

  private Router router() {
    Router router = Router.router(vertx);
    router.route().handler(RequestLog::handle);
    if (settings.managementOnly()) {
      return managementRouter(router);
    }
    EventIntake intake = new EventIntake(vertx, settings, meters);
    ModuleRoutes modules = new ModuleRoutes(vertx, calls, settings.callTimeoutMillis(),
        settings.asyncViewMillis());

    ProducerAuth producers = security.producerAuth(meters);
    security.mountCallers(vertx, router, meters);

    // Producer intake: /events, /xAPI/* (and /xapi/*), /caliper, each behind the producer's credential.
    new XapiRoutes(vertx, xapi, meters).mount(router, producers);
    new CaliperIntake(vertx, settings.callTimeoutMillis(), settings.maxBodyBytes(), meters).mount(router, producers);
    router.post("/events").handler(BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes()))
        .handler(producers).handler(intake::post);
    router.get("/events").handler(producers).handler(intake::get);
    router.get("/views/:module/:name").handler(modules::view);
    router.get("/views/:module/:name/result/:token").handler(modules::viewResult);
    router.get("/queries/:module/:name").handler(modules::query);
    router.get("/files/:module/:name").handler(new FileRoutes(vertx, settings.callTimeoutMillis())::file);
    router.get("/schema").handler(new SchemaRoute(vertx)::handle);
    AdminRoutes admin = new AdminRoutes(vertx, security.store());
    router.post("/admin/modules/:module/rebuild").handler(admin::rebuild);
    router.post("/admin/credentials/reload").handler(admin::reloadCredentials);
    router.get("/health").handler(new HealthRoute(vertx)::handle);
    router.get("/ready").handler(new ReadyRoute(readiness)::handle);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(meters));
    router.get("/assets/*").handler(StaticHandler.create("webroot/assets").setCachingEnabled(true));
    new Dashboard(vertx, meters, settings.callTimeoutMillis()).mount(router, security);

    router.errorHandler(404, ctx -> ApiError.send(ctx, 404, "No such endpoint: " + ctx.request().method() + " "
        + ctx.request().path() + ". Endpoints: POST /events, GET /views/{module}/{view}, GET /queries/{module}/{query},"
        + " GET /files/{module}/{name}, GET /schema, GET /health, GET /ready, GET /metrics."));
    router.errorHandler(405, ctx -> ApiError.send(ctx, 405, ctx.request().method() + " is not allowed on "
        + ctx.request().path() + ": events are sent with POST (or GET ?msg=...), views and queries read with GET."));
    router.errorHandler(413, ctx -> ApiError.send(ctx, 413, "The body is larger than " + settings.maxBodyBytes()
        + " bytes: split it into smaller batches (setting intake.max.body.bytes)."));
    router.errorHandler(403, ctx -> ApiError.send(ctx, 403, "Forbidden: " + (ctx.failure() == null ? "not allowed"
        : ctx.failure().getMessage()) + ". Forms must carry the CSRF token of the page they came from: reload it."));
    router.errorHandler(400, ctx -> ApiError.send(ctx, 400, "The request cannot be read: "
        + (ctx.failure() == null ? "malformed" : ctx.failure().getMessage()) + "."));
    router.errorHandler(500, this::internalError);
    return router;
  }

  // Outside development the client learns only that it failed; the details go to the log.
  private void internalError(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    LOG.error("Internal error on {} {}", ctx.request().method(), ctx.request().path(), failure);
    ApiError.send(ctx, 500, security.settings().developmentErrors() && failure != null
        ? "Internal error: " + failure.getClass().getSimpleName() + ": " + failure.getMessage()
        : "Internal error; the server log has the details.");
  }
}
