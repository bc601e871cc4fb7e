package org.anserv.gateway.http;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Every HTTP error anserv answers: a status and a JSON body {@code {"status", "error", "message"}} whose message says
 * what was wrong and how to fix it.
 */
public final class ApiError {

  /** The target named in failures of {@code anserv.events.submit}: the node's router in front of its event log. */
  public static final String EVENT_LOG = "The event log";

  private ApiError() {
  }

  /** Ends {@code ctx} with {@code status} and {@code message}. */
  public static void send(RoutingContext ctx, int status, String message) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body(status, message).encode());
  }

  /** The JSON body of an error. */
  public static JsonObject body(int status, String message) {
    return new JsonObject().put("status", status).put("error", reason(status)).put("message", message);
  }

  /** Ends {@code ctx} with the error a failed event-bus call to {@code target} stands for. */
  public static void fromBus(RoutingContext ctx, String target, Throwable cause) {
    Failure failure = failure(target, cause);
    if (failure.status() == 503) {
      ctx.response().putHeader("Retry-After", "5");
    }
    send(ctx, failure.status(), failure.message());
  }

  /**
   * What a failed event-bus call to {@code target} means for the person who made it: the HTTP status and a message
   * saying what to do.
   */
  public static Failure failure(String target, Throwable cause) {
    if (cause instanceof ReplyException reply) {
      if (reply.failureType() == ReplyFailure.NO_HANDLERS && EVENT_LOG.equals(target)) {
        // the node's own router is gone: it is stopping; a 404 would make producers drop the batch
        return new Failure(503, "This node is stopping and takes no more events; nothing of this request was"
            + " stored. Send it again, to another node or once this one is back.");
      }
      if (reply.failureType() == ReplyFailure.NO_HANDLERS) {
        return new Failure(404, "No module serves " + target + ": it is not deployed (or failed to deploy). GET"
            + " /schema lists the modules and their views and queries.");
      }
      if (reply.failureType() == ReplyFailure.TIMEOUT) {
        return new Failure(504, target + " did not answer in time; the module may be overloaded or stuck. Try"
            + " again later; its health is on /health.");
      }
      int code = reply.failureCode();
      return new Failure(code >= 400 && code < 600 ? code : 500, reply.getMessage());
    }
    return new Failure(500, target + " failed: " + cause.getMessage());
  }

  /**
   * An error as answered.
   *
   * @param status the HTTP status
   * @param message what was wrong and how to fix it
   */
  public record Failure(int status, String message) {

    /** The short name of the status, e.g. {@code module_failed}. */
    public String reason() {
      return ApiError.reason(status);
    }
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 409 -> "conflict";
      case 413 -> "payload_too_large";
      case 415 -> "unsupported_media_type";
      case 421 -> "misdirected";
      case 422 -> "unprocessable";
      case 429 -> "too_many_requests";
      case 500 -> "module_failed";
      case 503 -> "unavailable";
      case 504 -> "timed_out";
      default -> "error";
    };
  }
}
