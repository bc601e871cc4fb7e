package org.anserv.runtime.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.anserv.api.Event;
import org.anserv.api.Origin;

/** Sends {@link LiveBatch}es on the event bus: by reference within a JVM, as JSON between cluster nodes. */
public final class LiveBatchCodec implements MessageCodec<LiveBatch, LiveBatch> {

  public static final String NAME = "anserv-live-batch";

  @Override
  public void encodeToWire(Buffer buffer, LiveBatch batch) {
    JsonArray events = new JsonArray();
    for (LoggedEvent logged : batch.events()) {
      Event event = logged.event();
      events.add(new JsonObject().put("offset", logged.offset()).put("at", logged.appendedAtMillis())
          .put("id", event.id()).put("event", event.json()).put("emitter", event.origin().emitter())
          .put("hops", event.origin().hops()));
    }
    Buffer encoded = events.toBuffer();
    buffer.appendInt(encoded.length()).appendBuffer(encoded);
  }

  @Override
  public LiveBatch decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    JsonArray events = new JsonArray(buffer.getBuffer(pos + 4, pos + 4 + length));
    List<LoggedEvent> decoded = new ArrayList<>(events.size());
    for (Object item : events) {
      JsonObject e = (JsonObject) item;
      Origin origin = new Origin(e.getString("emitter"), e.getInteger("hops", 0));
      decoded.add(new LoggedEvent(e.getLong("offset"), e.getLong("at"),
          Event.of(e.getString("id"), e.getJsonObject("event"), origin)));
    }
    return new LiveBatch(decoded);
  }

  @Override
  public LiveBatch transform(LiveBatch batch) {
    return batch;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
