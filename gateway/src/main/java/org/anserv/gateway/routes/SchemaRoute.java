package org.anserv.gateway.routes;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.anserv.gateway.http.ApiError;
import org.anserv.gateway.security.CallerAuth;
import org.anserv.gateway.security.SchemaFilter;
import org.anserv.runtime.bus.Addresses;

/**
 * {@code GET /schema}: every module with its handlers and their filters, views and queries with category,
 * description and parameters, crons, and every module that failed to deploy with the reasons. JSON by default,
 * a readable page with {@code ?format=html}. Each caller sees what they may call (staff everything).
 */
public final class SchemaRoute {

  private final Vertx vertx;

  public SchemaRoute(Vertx vertx) {
    this.vertx = vertx;
  }

  public void handle(RoutingContext ctx) {
    vertx.eventBus().<JsonObject>request(Addresses.SCHEMA, null, new DeliveryOptions().setSendTimeout(5_000))
        .map(reply -> SchemaFilter.visibleTo(reply.body(), CallerAuth.caller(ctx)))
        .onSuccess(schema -> {
          if ("html".equals(ctx.request().getParam("format"))) {
            ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .end(SchemaPage.render(schema));
          } else {
            ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
                .end(schema.encodePrettily());
          }
        })
        .onFailure(cause -> ApiError.fromBus(ctx, "The module registry", cause));
  }
}
