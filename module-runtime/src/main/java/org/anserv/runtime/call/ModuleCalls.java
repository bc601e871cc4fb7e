package org.anserv.runtime.call;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.anserv.api.Scope;
import org.anserv.runtime.access.Caller;
import org.anserv.runtime.access.Role;
import org.anserv.runtime.bus.Addresses;
import org.anserv.runtime.bus.Failures;
import org.anserv.runtime.registry.ModuleRegistry;
import org.anserv.runtime.shard.Shard;

/**
 * Sends view and query calls to modules, for the gateway and for modules asking each other, wherever the module runs.
 * A module split into shards is called on the shard of the key the call names (a student pinned to their own name
 * counts as named); a query naming no key, declared with a merge, is asked of every shard and the answers combined;
 * a progress page's result is asked of every shard, the one that kept it answering. In a cluster, a module or shard
 * moving between nodes has no consumer for a moment (the old node hands it back, the new one claims it at its next
 * tick, each second): a call finding none is retried for up to three seconds.
 */
public final class ModuleCalls {

  private static final long MOVE_RETRY_MS = 3_000;
  private static final long MOVE_RETRY_STEP_MS = 100;

  private final Vertx vertx;
  private final ModuleRegistry registry;

  /** Calls routed by what {@code registry} knows of each module's shards. */
  public ModuleCalls(Vertx vertx, ModuleRegistry registry) {
    this.vertx = vertx;
    this.registry = registry;
  }

  /**
   * Calls {@code module} with {@code request} (a {@code CallRequest} body); the future holds the answer's body, or
   * fails with the {@link ReplyException} a module answers, whose code is the HTTP status.
   */
  public Future<JsonObject> request(String module, JsonObject request, DeliveryOptions options) {
    return route(module, request, options,
        System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(vertx.isClustered() ? MOVE_RETRY_MS : 0));
  }

  private Future<JsonObject> route(String module, JsonObject request, DeliveryOptions options, long giveUpAt) {
    JsonObject shape = registry.shape(module).orElse(null);
    int count = shape == null ? 1 : shape.getInteger("shards", 1);
    if (count == 1) {
      // a node that joined a moment ago may not have heard of the module's shards yet: look again when retrying
      return send(module, request, options).recover(cause -> moving(cause, giveUpAt)
          ? vertx.timer(MOVE_RETRY_STEP_MS).compose(v -> route(module, request, options, giveUpAt))
          : Future.failedFuture(cause));
    }
    String kind = request.getString("kind", "");
    String name = request.getString("name", "");
    if (kind.equals(CallRequest.RESULT)) {
      return firstAnswer(shards(module, count).stream().map(shard -> call(shard, request, options, giveUpAt))
          .toList());
    }
    JsonObject endpoint = endpoint(shape, kind, name);
    String keyParam = endpoint == null ? null : endpoint.getString("shardKey");
    if (endpoint == null || kind.equals(CallRequest.SAMPLE)) {
      // any shard answers as its module would
      return call(new Shard(0, count).instance(module), request, options, giveUpAt);
    }
    Scope scope = Scope.valueOf(shape.getString("scope", "global").toUpperCase(Locale.ROOT));
    String key = keyParam == null ? null : key(request, endpoint, keyParam);
    if (key != null) {
      return call(new Shard(Shard.indexOf(Shard.keyOf(scope, key), count), count).instance(module), request,
          options, giveUpAt);
    }
    if (kind.equals(CallRequest.QUERY) && "sum".equals(endpoint.getString("merge"))) {
      List<Future<JsonObject>> answers = shards(module, count).stream()
          .map(shard -> call(shard, request, options, giveUpAt)).toList();
      return Future.all(answers).compose(all -> merged(module, name, answers));
    }
    return Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, Failures.BAD_REQUEST,
        (kind.equals(CallRequest.VIEW) ? "View '" : "Query '") + module + "/" + name + "' needs parameter '" + keyParam
            + "': module '" + module + "' is split by " + scope.name().toLowerCase(Locale.ROOT) + " into " + count
            + " shards, and only the shard of that key can answer."));
  }

  // The key this call names: a student's own name when the caller is that student (the access policy pins it).
  private static String key(JsonObject request, JsonObject endpoint, String keyParam) {
    Caller caller = CallRequest.caller(request);
    JsonObject access = endpoint.getJsonObject("access", new JsonObject());
    if (caller != null && caller.role() == Role.STUDENT && keyParam.equals(access.getString("student"))) {
      return caller.name();
    }
    Object value = request.getJsonObject("params", new JsonObject()).getValue(keyParam);
    return value == null ? null : String.valueOf(value);
  }

  private static JsonObject endpoint(JsonObject shape, String kind, String name) {
    JsonArray endpoints = shape.getJsonArray(kind.equals(CallRequest.QUERY) ? "queries" : "views", new JsonArray());
    return endpoints.stream().map(JsonObject.class::cast).filter(e -> name.equals(e.getString("name")))
        .findFirst().orElse(null);
  }

  private static List<String> shards(String module, int count) {
    return IntStream.range(0, count).mapToObj(i -> new Shard(i, count).instance(module)).toList();
  }

  private static Future<JsonObject> merged(String module, String query, List<Future<JsonObject>> answers) {
    List<Object> results = new ArrayList<>(answers.size());
    answers.forEach(answer -> results.add(answer.result().getValue("result")));
    try {
      return Future.succeededFuture(new JsonObject().put("result", AnswerMerge.sum(results)));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, Failures.MODULE_FAILED,
          "Query '" + module + "/" + query + "': " + e.getMessage() + "."));
    }
  }

  // The answer of the one shard that has it; when none has, the most telling refusal (anything but "not kept here").
  private static Future<JsonObject> firstAnswer(List<Future<JsonObject>> answers) {
    return Future.join(answers).transform(done -> {
      Throwable refusal = null;
      for (Future<JsonObject> answer : answers) {
        if (answer.succeeded()) {
          return Future.succeededFuture(answer.result());
        }
        if (refusal == null || !(answer.cause() instanceof ReplyException r && r.failureCode() == Failures.NOT_FOUND)) {
          refusal = answer.cause();
        }
      }
      return Future.failedFuture(refusal);
    });
  }

  // one instance, retried while it has no consumer (moving between nodes) until giveUpAt
  private Future<JsonObject> call(String instance, JsonObject request, DeliveryOptions options, long giveUpAt) {
    return send(instance, request, options).recover(cause -> moving(cause, giveUpAt)
        ? vertx.timer(MOVE_RETRY_STEP_MS).compose(v -> call(instance, request, options, giveUpAt))
        : Future.failedFuture(cause));
  }

  private Future<JsonObject> send(String instance, JsonObject request, DeliveryOptions options) {
    return vertx.eventBus().<JsonObject>request(Addresses.moduleCall(instance), request, options).map(Message::body);
  }

  private static boolean moving(Throwable cause, long giveUpAt) {
    return cause instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS
        && System.nanoTime() < giveUpAt;
  }
}
