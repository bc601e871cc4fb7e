package org.anserv.gateway.intake;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * The envelope a log shipper wraps each line in: Vector's log event {@code {"message": "<the event as JSON text>",
 * "time": ...}} (Aspects' tracking transform; {@code message} may also be an already parsed object), or a logging
 * record's {@code msg}. The event inside is what is stored; the envelope's {@code time} (or {@code timestamp}) stands
 * in when the event has none.
 */
final class ShipperEnvelope {

  private ShipperEnvelope() {
  }

  /**
   * The event {@code element} wraps, {@code element} itself when it is not an envelope, or a {@link DecodeException}
   * when it is an envelope whose message is not an event.
   */
  static JsonObject unwrap(JsonObject element) {
    if (element.containsKey("event_type") || element.containsKey("name") || element.containsKey("event")
        || element.containsKey("verb")) {
      return element;
    }
    Object message = element.getValue("message");
    if (message == null) {
      message = element.getValue("msg");
    }
    JsonObject event;
    if (message instanceof JsonObject object) {
      event = object;
    } else if (message instanceof String text && text.contains("{")) {
      int start = text.indexOf('{');
      // "2023-05-23 13:53:13,461 INFO 20 [tracking] ... logger.py:41 - {...}": raw log lines tailed as they are.
      int prefixed = text.indexOf(" - {");
      event = new JsonObject(text.substring(start == 0 || prefixed < 0 ? start : prefixed + 3).strip());
    } else {
      return element;
    }
    if (!event.containsKey("time") && !event.containsKey("timestamp")) {
      Object time = element.getValue("time", element.getValue("timestamp"));
      if (time instanceof String) {
        event.put("time", time);
      }
    }
    return event;
  }
}
