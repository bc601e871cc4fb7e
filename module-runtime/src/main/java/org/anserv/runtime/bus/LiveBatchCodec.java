package org.anserv.runtime.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Sends {@link LiveBatch}es on the event bus: by reference within a JVM, as JSON between cluster nodes. */
public final class LiveBatchCodec implements MessageCodec<LiveBatch, LiveBatch> {

  public static final String NAME = "anserv-live-batch";

  @Override
  public void encodeToWire(Buffer buffer, LiveBatch batch) {
    JsonArray events = new JsonArray();
    for (LoggedEvent logged : batch.events()) {
      events.add(EventWire.encode(logged.event()).put("offset", logged.offset())
          .put("at", logged.appendedAtMillis()));
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
      decoded.add(new LoggedEvent(e.getLong("offset"), e.getLong("at"), EventWire.decode(e)));
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
