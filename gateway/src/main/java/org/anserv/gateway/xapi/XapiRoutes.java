package org.anserv.gateway.xapi;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.anserv.gateway.http.ApiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The xAPI statements resource, as event-routing-backends (and any xAPI 1.0.3 client) sends to it: {@code POST} one
 * statement or an array (answer {@code 200} with the ids in order), {@code PUT ?statementId=} one statement (answer
 * {@code 204}), under {@code /xAPI/} or {@code /xapi/}, with or without a trailing slash or an empty {@code ?};
 * {@code GET /xAPI/about}. Every answer carries {@code X-Experience-API-Version: 1.0.3}; requests need not.
 *
 * <p>Statements go to the event log as they are; re-sent ids are stored once. A re-send with different content keeps
 * the first and is counted and logged; it still answers success unless {@code xapi.strict} is set, because a 409
 * makes event-routing-backends treat the whole batch as delivered and lose its other statements. In strict mode the
 * answer is 409, and the batch's other statements are stored all the same, for the same reason.
 */
public final class XapiRoutes {

  /** The path prefixes this resource answers under, for handlers (authentication) mounted in front of it. */
  public static final List<String> PATHS = List.of("/xAPI/*", "/xapi/*");

  /** The xAPI version answered. */
  public static final String VERSION = "1.0.3";

  private static final Logger LOG = LoggerFactory.getLogger(XapiRoutes.class);

  private final Vertx vertx;
  private final XapiSettings settings;
  private final MeterRegistry meters;

  public XapiRoutes(Vertx vertx, XapiSettings settings, MeterRegistry meters) {
    this.vertx = vertx;
    this.settings = settings;
    this.meters = meters;
  }

  private static void holdBody(RoutingContext ctx) {
    String encoding = ctx.request().getHeader("Content-Encoding");
    if (encoding != null && !encoding.isBlank() && !encoding.equalsIgnoreCase("identity")) {
      ApiError.send(ctx, 415, "Content-Encoding " + encoding + " is not read on xAPI statements: send them"
          + " uncompressed, as event-routing-backends does (compressed bodies are taken on /events).");
      return;
    }
    ctx.request().pause();
    ctx.next();
  }

  /**
   * Adds the routes to {@code router}.
   *
   * @param router the gateway's router
   * @param auth the producer authentication run before statements are read (answers carry the version header)
   */
  public void mount(Router router, Handler<RoutingContext> auth) {
    for (String base : List.of("/xAPI", "/xapi")) {
      router.route(base + "/*").handler(ctx -> {
        ctx.response().putHeader("X-Experience-API-Version", VERSION);
        ctx.next();
      });
      // Authentication may wait for a worker (hashing): the body, read by the statement handler itself, must wait
      // in the connection meanwhile.
      router.post(base + "/statements").handler(XapiRoutes::holdBody).handler(auth).handler(this::post);
      router.put(base + "/statements").handler(XapiRoutes::holdBody).handler(auth).handler(this::put);
      router.get(base + "/about").handler(XapiRoutes::about);
      router.route(base + "/statements").handler(ctx -> ApiError.send(ctx, 405, ctx.request().method()
          + " is not served on " + ctx.request().path() + ": anserv receives statements (POST, PUT) for analytics"
          + " and is not a full LRS; read results from /queries and /views."));
    }
  }

  private void post(RoutingContext ctx) {
    StatementUpload.read(vertx, ctx.request(), settings, null).onComplete(read -> {
      if (read.failed()) {
        refuse(ctx, read.cause());
      } else if (!conflicted(ctx, read.result())) {
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json; charset=utf-8")
            .end(read.result().ids().encode());
      }
    });
  }

  private void put(RoutingContext ctx) {
    String statementId = ctx.request().getParam("statementId");
    if (statementId == null || statementId.isBlank()) {
      ctx.request().resume();
      ApiError.send(ctx, 400, "PUT needs the parameter statementId (PUT /xAPI/statements?statementId=<uuid>); to"
          + " send statements without choosing their ids, POST them.");
      return;
    }
    StatementUpload.read(vertx, ctx.request(), settings, statementId).onComplete(read -> {
      if (read.failed()) {
        refuse(ctx, read.cause());
      } else if (!conflicted(ctx, read.result())) {
        ctx.response().setStatusCode(204).end();
      }
    });
  }

  private boolean conflicted(RoutingContext ctx, StatementUpload.Outcome outcome) {
    meters.counter("anserv.intake.events", "format", "xapi", "outcome", "accepted").increment(outcome.ids().size());
    if (outcome.conflicts().isEmpty()) {
      return false;
    }
    LOG.warn("{} xAPI statement(s) re-sent with different content; the first versions are kept: {}",
        outcome.conflicts().size(), outcome.conflicts().encode());
    if (!settings.strict()) {
      return false;
    }
    ctx.response().setStatusCode(409).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(ApiError.body(409, "Statements with these ids were already stored with different content; the first"
            + " versions are kept and the batch's other statements were stored. Send new statements with new ids"
            + " (or unset xapi.strict to answer success).").put("conflicts", new JsonArray(outcome.conflicts()
                .getList())).encode());
    return true;
  }

  private void refuse(RoutingContext ctx, Throwable cause) {
    if (cause instanceof XapiException e) {
      meters.counter("anserv.intake.requests", "format", "xapi", "outcome", "refused_" + e.status()).increment();
      ApiError.send(ctx, e.status(), e.getMessage());
    } else {
      ApiError.fromBus(ctx, ApiError.EVENT_LOG, cause);
    }
  }

  private static void about(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
        .end(new JsonObject().put("version", new JsonArray().add(VERSION)).encode());
  }
}
