package org.anserv.runtime.deploy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.anserv.api.Emitter;
import org.anserv.api.Event;
import org.anserv.api.Origin;
import org.anserv.runtime.bus.Addresses;
import org.anserv.runtime.bus.EventBatch;
import org.anserv.runtime.route.EventIds;

/**
 * An {@link Emitter} that submits events on the same path as intake, marked with the emitting module. An event
 * emitted while handling an event gets an id derived from that event, the module and its position in the call, so
 * a replay of the log re-emits the same ids and the log stores each emitted event once. Emits beyond the module's
 * {@link EmitBudget} fail, which fails the call that made them and counts toward its failure budget.
 */
final class BusEmitter implements Emitter {

  private final Vertx vertx;
  private final String module;
  private final Event cause;
  private final long timeoutMillis;
  private final EmitBudget budget;
  private final Runnable refused;
  private int emitted;

  BusEmitter(Vertx vertx, String module, Event cause, long timeoutMillis, EmitBudget budget, Runnable refused) {
    this.vertx = vertx;
    this.module = module;
    this.cause = cause;
    this.timeoutMillis = timeoutMillis;
    this.budget = budget;
    this.refused = refused;
  }

  @Override
  public Future<Void> emit(JsonObject event) {
    if (event == null || !(event.getValue("event_type") instanceof String type) || type.isBlank()) {
      return Future.failedFuture(new IllegalArgumentException("An emitted event needs a non-empty \"event_type\"."));
    }
    if (!budget.take()) {
      refused.run();
      return Future.failedFuture(new IllegalStateException("Module '" + module + "' emits more than "
          + budget.perSecond() + " events per second (setting modules." + module + ".emits.per.second); this event"
          + " was not emitted."));
    }
    JsonObject copy = event.copy();
    String basis = cause != null ? cause.id() + "/" + module + "/" + emitted++ + "/" + copy.encode()
        : UUID.randomUUID().toString();
    Origin origin = (cause != null ? cause.origin() : Origin.EXTERNAL).next(module);
    Event emittedEvent = Event.of(EventIds.digest(basis).toString(), copy, origin);
    return vertx.eventBus().request(Addresses.SUBMIT, new EventBatch(List.of(emittedEvent), false),
        Addresses.submitOptions(timeoutMillis)).mapEmpty();
  }
}
