package org.anserv.runtime.deploy;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.anserv.api.Queries;
import org.anserv.api.QueryFailure;
import org.anserv.runtime.bus.Failures;
import org.anserv.runtime.call.CallRequest;
import org.anserv.runtime.call.ModuleCalls;

/** {@link Queries} over the event bus: the same path the gateway uses, so modules reach each other only there. */
final class BusQueries implements Queries {

  private final ModuleCalls calls;
  private final long timeoutMillis;

  BusQueries(ModuleCalls calls, long timeoutMillis) {
    this.calls = calls;
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public Future<Object> call(String module, String query, Map<String, String> params) {
    JsonObject request = CallRequest.query(query, params);
    return calls.request(module, request, new DeliveryOptions().setSendTimeout(timeoutMillis))
        .map(reply -> reply.getValue("result"))
        .recover(cause -> Future.failedFuture(failure(module, query, cause)));
  }

  private static QueryFailure failure(String module, String query, Throwable cause) {
    if (cause instanceof ReplyException reply) {
      if (reply.failureType() == ReplyFailure.NO_HANDLERS) {
        return new QueryFailure(Failures.NOT_FOUND, "No module named '" + module + "' is deployed.");
      }
      if (reply.failureType() == ReplyFailure.TIMEOUT) {
        return new QueryFailure(Failures.TIMED_OUT, "Query '" + module + "/" + query + "' did not answer in time.");
      }
      return new QueryFailure(reply.failureCode(), reply.getMessage());
    }
    return new QueryFailure(Failures.MODULE_FAILED, String.valueOf(cause.getMessage()));
  }
}
