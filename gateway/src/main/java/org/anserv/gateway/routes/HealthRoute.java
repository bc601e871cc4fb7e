package org.anserv.gateway.routes;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.anserv.runtime.bus.Addresses;

/**
 * {@code GET /health}: {@code 200 {"status": "UP", ...}} when the gateway and the module registry answer, with the
 * running modules, those that failed to deploy, and those in quarantine (name, reason, since, restartAt, restarts);
 * {@code 503} with {@code "DOWN"} when the registry does not.
 */
public final class HealthRoute {

  private final Vertx vertx;

  public HealthRoute(Vertx vertx) {
    this.vertx = vertx;
  }

  public void handle(RoutingContext ctx) {
    vertx.eventBus().<JsonObject>request(Addresses.SCHEMA, null, new DeliveryOptions().setSendTimeout(2_000))
        .onSuccess(reply -> {
          JsonObject schema = reply.body();
          JsonObject modules = new JsonObject()
              .put("running", schema.getJsonArray("modules").stream().map(m -> ((JsonObject) m).getString("name"))
                  .toList())
              .put("failed", schema.getJsonArray("failed").stream().map(m -> ((JsonObject) m).getString("name"))
                  .toList())
              .put("quarantined", schema.getJsonArray("quarantined", new JsonArray()));
          respond(ctx, 200, new JsonObject().put("status", "UP").put("modules", modules));
        })
        .onFailure(cause -> respond(ctx, 503, new JsonObject().put("status", "DOWN")
            .put("message", "The module registry does not answer: " + cause.getMessage())));
  }

  private static void respond(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "no-store").end(body.encode());
  }
}
