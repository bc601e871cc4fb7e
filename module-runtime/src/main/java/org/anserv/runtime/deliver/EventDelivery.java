package org.anserv.runtime.deliver;

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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.anserv.api.Event;
import org.anserv.runtime.actor.ExternalIds;
import org.anserv.runtime.bus.LoggedEvent;
import org.anserv.runtime.define.MethodDefinition;
import org.anserv.runtime.inject.CallContext;
import org.anserv.runtime.inject.ModuleHandles;
import org.anserv.runtime.invoke.CallTimeoutException;
import org.anserv.runtime.invoke.FailureLog;
import org.anserv.runtime.invoke.MethodInvoker;
import org.anserv.runtime.invoke.ModuleStoppedException;
import org.anserv.runtime.invoke.SerialExecutor;
import org.anserv.runtime.metrics.ModuleMetrics;

/**
 * Runs handlers on events as one task of the module's serial executor: every (event, matching handler) pair in
 * order, one at a time. The result tells, per handler, how many events ran and which failed; a failed event is
 * counted and logged, and the next one follows.
 */
public final class EventDelivery {

  // event: the logged event with its xAPI actor resolved to a platform user, once resolved
  private record Work(LoggedEvent logged, Event event, MethodDefinition handler) {
  }

  private final MethodInvoker invoker;
  private final SerialExecutor serial;
  private final ModuleHandles handles;
  private final ModuleMetrics metrics;
  private final FailureLog failureLog;
  private final ExternalIds actors;
  private final Predicate<Event> owned;

  /**
   * Delivery to one module instance; {@code owned} tells the events of its shard (every event, for a module that is
   * not sharded), asked once an xAPI statement's actor is resolved, since its username is the key.
   */
  public EventDelivery(MethodInvoker invoker, SerialExecutor serial, ModuleHandles handles, ModuleMetrics metrics,
      FailureLog failureLog, ExternalIds actors, Predicate<Event> owned) {
    this.invoker = invoker;
    this.serial = serial;
    this.handles = handles;
    this.metrics = metrics;
    this.failureLog = failureLog;
    this.actors = actors;
    this.owned = owned;
  }

  /**
   * Runs {@code handlers} on each of {@code events} they match; the future holds the per-handler report, or fails
   * with {@link DeliveryStoppedException} when the module was stopped before every event was handled.
   */
  public Future<JsonArray> deliver(List<MethodDefinition> handlers, List<LoggedEvent> events) {
    List<Work> work = new ArrayList<>();
    for (LoggedEvent logged : events) {
      // another shard's event is skipped here when its key is known before the actor is resolved
      if (!logged.event().isStatement() && !owned.test(logged.event())) {
        continue;
      }
      for (MethodDefinition handler : handlers) {
        if (handler.filter().matches(logged.event())) {
          work.add(new Work(logged, logged.event(), handler));
        }
      }
    }
    if (work.isEmpty()) {
      return Future.succeededFuture(new JsonArray());
    }
    Map<String, JsonObject> report = new LinkedHashMap<>();
    AtomicLong position = new AtomicLong(work.getFirst().logged().offset());
    // Actors are resolved inside the serial task, so that a batch waiting for the replica is not overtaken by the
    // next one; then the whole run goes to the module's code context in one hop (a hop per event would multiply
    // the cost).
    return serial.submit(() -> actors.resolve(work.stream().map(Work::event).toList()).compose(resolved -> {
      List<Work> ready = new ArrayList<>(work.size());
      for (int i = 0; i < work.size(); i++) {
        // a tracking event's shard was decided above; a statement's only now, its actor resolved
        if (!resolved.get(i).isStatement() || owned.test(resolved.get(i))) {
          ready.add(new Work(work.get(i).logged(), resolved.get(i), work.get(i).handler()));
        }
      }
      return invoker.onCode(() -> {
        Promise<Void> done = Promise.promise();
        step(ready.iterator(), report, done, position);
        return done.future();
      });
    })).recover(cause -> Future.failedFuture(switch (cause) {
      case ModuleStoppedException stopped -> new DeliveryStoppedException(work.getFirst().logged().offset(), stopped);
      case CallTimeoutException late -> new DeliveryStoppedException(position.get() + 1, late);
      default -> cause;
    })).map(v -> new JsonArray(new ArrayList<>(report.values())));
  }

  /**
   * Runs batched {@code handler} once on {@code events}; fails only when the module was stopped before the batch
   * ran ({@link ModuleStoppedException}), so the feed reads it again after the restart.
   */
  public Future<Void> deliverBatch(MethodDefinition handler, List<Event> events) {
    return serial.submit(() -> actors.resolve(events).compose(all -> {
      List<Event> resolved = all.stream().filter(owned).toList();
      if (resolved.isEmpty()) {
        return Future.<Void>succeededFuture();
      }
      long start = System.nanoTime();
      return invoker.onCode(() -> invoker.invoke(handler, CallContext.ofBatch(resolved, handles))).andThen(outcome -> {
        if (outcome.failed() && outcome.cause() instanceof ModuleStoppedException) {
          return;
        }
        metrics.handled(handler.name(), outcome.succeeded(), System.nanoTime() - start, resolved.size());
        if (outcome.failed()) {
          failureLog.handlerFailed(handler.name(), resolved.getLast(), outcome.cause());
        }
      }).<Void>mapEmpty().recover(cause -> cause instanceof ModuleStoppedException ? Future.failedFuture(cause)
          : Future.succeededFuture());
    }));
  }

  // Iterates without recursion while handlers complete synchronously; suspends on the first pending future.
  private void step(Iterator<Work> work, Map<String, JsonObject> report, Promise<Void> done, AtomicLong position) {
    while (work.hasNext()) {
      Work next = work.next();
      position.set(next.logged().offset());
      long start = System.nanoTime();
      Future<Object> result = invoker.invoke(next.handler(), CallContext.ofEvent(next.event(), handles));
      if (!result.isComplete()) {
        result.onComplete(outcome -> {
          if (stoppedAt(next, outcome, done)) {
            return;
          }
          record(next, outcome, start, report);
          step(work, report, done, position);
        });
        return;
      }
      if (stoppedAt(next, result, done)) {
        return;
      }
      record(next, result, start, report);
    }
    done.complete();
  }

  // A call the stopped module never ran: the feed keeps this event for the module's next start.
  private static boolean stoppedAt(Work work, AsyncResult<Object> outcome, Promise<Void> done) {
    if (outcome.failed() && outcome.cause() instanceof ModuleStoppedException stopped) {
      done.fail(new DeliveryStoppedException(work.logged().offset(), stopped));
      return true;
    }
    return false;
  }

  private void record(Work work, AsyncResult<Object> outcome, long start, Map<String, JsonObject> report) {
    String name = work.handler().name();
    metrics.handled(name, outcome.succeeded(), System.nanoTime() - start, 1);
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
