package org.anserv.runtime.deploy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.anserv.api.Emitter;
import org.anserv.api.Event;
import org.anserv.api.Origin;
import org.anserv.runtime.bus.Addresses;
import org.anserv.runtime.bus.EventBatch;
import org.anserv.runtime.route.EventIds;

/** An {@link Emitter} that submits events on the same path as intake, marked with the emitting module. */
final class BusEmitter implements Emitter {

  private final Vertx vertx;
  private final Origin origin;
  private final long timeoutMillis;

  BusEmitter(Vertx vertx, Origin origin, long timeoutMillis) {
    this.vertx = vertx;
    this.origin = origin;
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public Future<Void> emit(JsonObject event) {
    if (event == null || !(event.getValue("event_type") instanceof String type) || type.isBlank()) {
      return Future.failedFuture(new IllegalArgumentException("An emitted event needs a non-empty \"event_type\"."));
    }
    JsonObject copy = event.copy();
    Event emitted = Event.of(EventIds.of(copy), copy, origin);
    return vertx.eventBus().request(Addresses.SUBMIT, new EventBatch(List.of(emitted), false),
        new DeliveryOptions().setSendTimeout(timeoutMillis)).mapEmpty();
  }
}
