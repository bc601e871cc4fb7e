package org.anserv.runtime.route;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.anserv.api.Event;
import org.anserv.api.Origin;
import org.anserv.runtime.bus.LoggedEvent;
import org.anserv.runtime.log.LogEntry;
import org.anserv.runtime.log.LogRecord;

/**
 * How events are stored in the log: an outside event as its JSON, unchanged; an emitted event as a marker byte and
 * a JSON envelope recording the emitting module and the chain depth.
 */
public final class LogCodec {

  private static final byte EMITTED = 1;

  private LogCodec() {
  }

  /** The log entry of {@code event}. */
  public static LogEntry entry(Event event) {
    Buffer payload;
    if (event.origin().emittingModule().isEmpty()) {
      payload = event.json().toBuffer();
    } else {
      JsonObject envelope = new JsonObject().put("emitter", event.origin().emitter())
          .put("hops", event.origin().hops()).put("event", event.json());
      payload = Buffer.buffer().appendByte(EMITTED).appendBuffer(envelope.toBuffer());
    }
    return new LogEntry(EventIds.parse(event.id()), payload);
  }

  /** The event stored in {@code record}, with its offset. */
  public static LoggedEvent event(LogRecord record) {
    Buffer payload = record.payload();
    Event event;
    if (payload.length() > 0 && payload.getByte(0) == EMITTED) {
      JsonObject envelope = new JsonObject(payload.getBuffer(1, payload.length()));
      event = Event.of(record.id().toString(), envelope.getJsonObject("event"),
          new Origin(envelope.getString("emitter"), envelope.getInteger("hops", 1)));
    } else {
      event = Event.of(record.id().toString(), new JsonObject(payload), Origin.EXTERNAL);
    }
    return new LoggedEvent(record.offset(), record.appendedAtMillis(), event);
  }
}
