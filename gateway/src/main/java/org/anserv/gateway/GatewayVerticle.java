package org.anserv.gateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import org.anserv.gateway.caliper.CaliperIntake;
import org.anserv.gateway.dashboard.Dashboard;
import org.anserv.gateway.http.ApiError;
import org.anserv.gateway.intake.EventIntake;
import org.anserv.gateway.routes.AdminRoutes;
import org.anserv.gateway.routes.FileRoutes;
import org.anserv.gateway.routes.HealthRoute;
import org.anserv.gateway.routes.ModuleRoutes;
import org.anserv.gateway.routes.SchemaRoute;
import org.anserv.gateway.xapi.XapiRoutes;
import org.anserv.gateway.xapi.XapiSettings;

/**
 * The HTTP gateway: event intake, view, query and file routing, schema, metrics and health. It reaches modules only over
 * the event bus. Deployed once per event loop; all instances share the port.
 */
public final class GatewayVerticle extends VerticleBase {

  private final GatewaySettings settings;
  private final PrometheusMeterRegistry meters;
  private final XapiSettings xapi;
  private HttpServer server;

  public GatewayVerticle(GatewaySettings settings, PrometheusMeterRegistry meters) {
    this(settings, meters, XapiSettings.fromConfig(new JsonObject()));
  }

  public GatewayVerticle(GatewaySettings settings, PrometheusMeterRegistry meters, XapiSettings xapi) {
    this.settings = settings;
    this.meters = meters;
    this.xapi = xapi;
  }

  @Override
  public Future<?> start() {
    // Log shippers compress (Vector: gzip, deflate, zstd); Netty inflates as the body streams in, so body limits
    // count decompressed bytes.
    server = vertx.createHttpServer(new HttpServerOptions().setDecompressionSupported(true));
    return server.requestHandler(router()).listen(settings.port(), settings.host());
  }

  /** The port actually bound, useful when configured as 0. */
  public int actualPort() {
    return server.actualPort();
  }

  private Router router() {
    Router router = Router.router(vertx);
    EventIntake intake = new EventIntake(vertx, settings, meters);
    ModuleRoutes modules = new ModuleRoutes(vertx, settings.callTimeoutMillis(), settings.asyncViewMillis());

    // Producer intake: /events, /xAPI/* (and /xapi/*), /caliper. Authentication mounts in front of these paths.
    new XapiRoutes(vertx, xapi, meters).mount(router);
    new CaliperIntake(vertx, settings.callTimeoutMillis(), settings.maxBodyBytes(), meters).mount(router);
    router.post("/events").handler(BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes()))
        .handler(intake::post);
    router.get("/events").handler(intake::get);
    router.get("/views/:module/:name").handler(modules::view);
    router.get("/views/:module/:name/result/:token").handler(modules::viewResult);
    router.get("/queries/:module/:name").handler(modules::query);
    router.get("/files/:module/:name").handler(new FileRoutes(vertx, settings.callTimeoutMillis())::file);
    router.get("/schema").handler(new SchemaRoute(vertx)::handle);
    router.post("/admin/modules/:module/rebuild").handler(new AdminRoutes(vertx)::rebuild);
    router.get("/health").handler(new HealthRoute(vertx)::handle);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(meters));
    router.get("/assets/*").handler(StaticHandler.create("webroot/assets").setCachingEnabled(true));
    new Dashboard(vertx, meters, settings.callTimeoutMillis()).mount(router);

    router.errorHandler(404, ctx -> ApiError.send(ctx, 404, "No such endpoint: " + ctx.request().method() + " "
        + ctx.request().path() + ". Endpoints: POST /events, GET /views/{module}/{view}, GET /queries/{module}/{query},"
        + " GET /files/{module}/{name}, GET /schema, GET /health, GET /metrics."));
    router.errorHandler(405, ctx -> ApiError.send(ctx, 405, ctx.request().method() + " is not allowed on "
        + ctx.request().path() + ": events are sent with POST (or GET ?msg=...), views and queries read with GET."));
    router.errorHandler(413, ctx -> ApiError.send(ctx, 413, "The body is larger than " + settings.maxBodyBytes()
        + " bytes: split it into smaller batches (setting intake.max.body.bytes)."));
    router.errorHandler(500, GatewayVerticle::internalError);
    return router;
  }

  private static void internalError(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    ApiError.send(ctx, 500, "Internal error: " + (failure == null ? "unknown" : failure.getClass().getSimpleName()
        + ": " + failure.getMessage()));
  }
}
