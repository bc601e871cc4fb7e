package org.anserv.gateway.routes;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.RoutingContext;
import java.util.stream.Collectors;
import org.anserv.gateway.http.ApiError;

/**
 * {@code GET /ready}, for load balancers: {@code 200 {"status": "UP", "checks": [...]}} when every
 * {@link Readiness} check passes; {@code 503} with the usual error body, whose message names each failing check and
 * why, and the same {@code checks}.
 */
public final class ReadyRoute {

  private final HealthChecks checks;

  public ReadyRoute(HealthChecks checks) {
    this.checks = checks;
  }

  public void handle(RoutingContext ctx) {
    checks.checkStatus().recover(cause -> io.vertx.core.Future.succeededFuture(CheckResult.from("ready", cause)))
        .onSuccess(result -> {
          JsonArray list = result.toJson().getJsonArray("checks", new JsonArray());
          JsonObject body = CheckResult.isUp(result) ? new JsonObject().put("status", "UP")
              : ApiError.body(503, "Not ready: " + reasons(list) + ".");
          ctx.response().setStatusCode(CheckResult.isUp(result) ? 200 : 503)
              .putHeader("Content-Type", "application/json; charset=utf-8").putHeader("Cache-Control", "no-store")
              .end(body.put("checks", list).encode());
        });
  }

  private static String reasons(JsonArray checks) {
    return checks.stream().map(JsonObject.class::cast).filter(c -> !"UP".equals(c.getString("status")))
        .map(c -> c.getString("id") + ": " + why(c.getJsonObject("data", new JsonObject())))
        .collect(Collectors.joining("; "));
  }

  private static String why(JsonObject data) {
    return data.getString("message", data.getString("cause", "did not answer within " + Readiness.TIMEOUT_MS
        + " ms"));
  }
}
