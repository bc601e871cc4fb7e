package org.anserv.runtime.deploy;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anserv.api.Event;
import org.anserv.runtime.define.MethodDefinition;
import org.anserv.runtime.define.MethodKind;
import org.anserv.runtime.define.ModuleDefinition;
import org.anserv.runtime.inject.CallContext;
import org.anserv.runtime.inject.ModuleHandles;
import org.anserv.runtime.invoke.MethodInvoker;
import org.anserv.runtime.invoke.SerialExecutor;
import org.anserv.runtime.metrics.ModuleMetrics;

/**
 * Runs a module's event handlers on a batch: every (event, matching handler) pair in order, one at a time, as one
 * task of the module's serial executor. The result tells, per handler, how many events ran and which failed.
 */
final class EventDelivery {

  private record Work(Event event, MethodDefinition handler) {
  }

  private final List<MethodDefinition> handlers;
  private final MethodInvoker invoker;
  private final SerialExecutor serial;
  private final ModuleHandles handles;
  private final ModuleMetrics metrics;
  private final FailureLog failureLog;

  EventDelivery(ModuleDefinition module, MethodInvoker invoker, SerialExecutor serial, ModuleHandles handles,
      ModuleMetrics metrics, FailureLog failureLog) {
    this.handlers = module.methods(MethodKind.HANDLER);
    this.invoker = invoker;
    this.serial = serial;
    this.handles = handles;
    this.metrics = metrics;
    this.failureLog = failureLog;
  }

  /** Whether the module has any handler at all. */
  boolean subscribes() {
    return !handlers.isEmpty();
  }

  /** Handles every event of {@code events} its handlers match; the future holds the per-handler report. */
  Future<JsonArray> deliver(List<Event> events) {
    List<Work> work = new ArrayList<>();
    for (Event event : events) {
      for (MethodDefinition handler : handlers) {
        if (handler.filter().matches(event)) {
          work.add(new Work(event, handler));
        }
      }
    }
    if (work.isEmpty()) {
      return Future.succeededFuture(new JsonArray());
    }
    Map<String, JsonObject> report = new LinkedHashMap<>();
    return serial.submit(() -> {
      Promise<Void> done = Promise.promise();
      step(work.iterator(), report, done);
      return done.future();
    }).map(v -> new JsonArray(new ArrayList<>(report.values())))
      .onFailure(cause -> metrics.refused(work.size()));
  }

  // Iterates without recursion while handlers complete synchronously; suspends on the first pending future.
  private void step(Iterator<Work> work, Map<String, JsonObject> report, Promise<Void> done) {
    while (work.hasNext()) {
      Work next = work.next();
      long start = System.nanoTime();
      Future<Object> result = invoker.invoke(next.handler(), CallContext.ofEvent(next.event(), handles));
      if (!result.isComplete()) {
        result.onComplete(outcome -> {
          record(next, outcome, start, report);
          step(work, report, done);
        });
        return;
      }
      record(next, result, start, report);
    }
    done.complete();
  }

  private void record(Work work, AsyncResult<Object> outcome, long start, Map<String, JsonObject> report) {
    String name = work.handler().name();
    metrics.handled(name, outcome.succeeded(), System.nanoTime() - start);
    JsonObject entry = report.computeIfAbsent(name, n -> new JsonObject().put("handler", n).put("events", 0)
        .put("failed", 0));
    entry.put("events", entry.getInteger("events") + 1);
    if (outcome.failed()) {
      entry.put("failed", entry.getInteger("failed") + 1);
      JsonArray errors = entry.getJsonArray("errors");
      if (errors == null) {
        entry.put("errors", errors = new JsonArray());
      }
      if (errors.size() < 5) {
        errors.add(new JsonObject().put("event", work.event().id()).put("error", outcome.cause().getMessage()));
      }
      failureLog.handlerFailed(name, work.event(), outcome.cause());
    }
  }
}
