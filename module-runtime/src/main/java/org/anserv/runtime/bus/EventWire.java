package org.anserv.runtime.bus;

import io.vertx.core.json.JsonObject;
import org.anserv.api.Event;
import org.anserv.api.Origin;

/** How one event crosses the wire between cluster nodes: its id, its JSON and its origin. */
final class EventWire {

  private EventWire() {
  }

  static JsonObject encode(Event event) {
    return new JsonObject().put("id", event.id()).put("event", event.json())
        .put("emitter", event.origin().emitter()).put("hops", event.origin().hops());
  }

  static Event decode(JsonObject wire) {
    Origin origin = new Origin(wire.getString("emitter"), wire.getInteger("hops", 0));
    return Event.of(wire.getString("id"), wire.getJsonObject("event"), origin);
  }
}
