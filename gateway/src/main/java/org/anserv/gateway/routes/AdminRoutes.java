package org.anserv.gateway.routes;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.anserv.gateway.http.ApiError;
import org.anserv.gateway.security.CredentialStore;
import org.anserv.runtime.bus.Addresses;

/**
 * {@code POST /admin/modules/{module}/rebuild}: drops the module's state and recomputes it from the whole event
 * log. Answers {@code 202} at once; progress is in the server log and the {@code anserv_module_lag_events} metric.
 * Everything under {@code /admin} is for staff.
 */
public final class AdminRoutes {

  private final Vertx vertx;
  private final CredentialStore credentials;

  public AdminRoutes(Vertx vertx, CredentialStore credentials) {
    this.vertx = vertx;
    this.credentials = credentials;
  }

  /**
   * {@code POST /admin/credentials/reload}: reads the credentials file now (it is also read within two seconds of
   * any change); {@code 400} with the problems when it is not valid, the credentials in force staying.
   */
  public void reloadCredentials(RoutingContext ctx) {
    credentials.reload()
        .onSuccess(read -> ctx.response().putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("file", credentials.file().toString()).put("producers", read.producers().size())
                .put("users", read.users().size()).encode()))
        .onFailure(cause -> ApiError.send(ctx, 400, cause.getMessage()));
  }

  public void rebuild(RoutingContext ctx) {
    String module = ctx.pathParam("module");
    vertx.eventBus().request(Addresses.REBUILD, module, new DeliveryOptions().setSendTimeout(60_000))
        .onSuccess(v -> ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("module", module).put("rebuilding", true)
                .put("progress", "see anserv_module_lag_events{module=\"" + module + "\"} on /metrics").encode()))
        .onFailure(cause -> ApiError.fromBus(ctx, "Rebuild of '" + module + "'", cause));
  }
}
