package org.anserv.runtime.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.anserv.api.Event;

/**
 * Sends {@link EventBatch}es on the event bus: by reference within a JVM (events are immutable to modules), as JSON
 * between cluster nodes.
 */
public final class EventBatchCodec implements MessageCodec<EventBatch, EventBatch> {

  public static final String NAME = "anserv-event-batch";

  @Override
  public void encodeToWire(Buffer buffer, EventBatch batch) {
    JsonArray events = new JsonArray();
    for (Event event : batch.events()) {
      events.add(EventWire.encode(event));
    }
    Buffer encoded = new JsonObject().put("sync", batch.sync()).put("events", events).toBuffer();
    buffer.appendInt(encoded.length()).appendBuffer(encoded);
  }

  @Override
  public EventBatch decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    JsonObject body = new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length));
    List<Event> events = new ArrayList<>();
    for (Object item : body.getJsonArray("events")) {
      events.add(EventWire.decode((JsonObject) item));
    }
    return new EventBatch(events, body.getBoolean("sync", false));
  }

  @Override
  public EventBatch transform(EventBatch batch) {
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
