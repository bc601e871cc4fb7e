package org.anserv.runtime.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.anserv.api.Event;
import org.anserv.api.Origin;
import org.junit.jupiter.api.Test;

/** Between cluster nodes batches travel as bytes: what leaves must arrive with its ids, origins and offsets. */
class CodecTest {

  private static final Event OUTSIDE = Event.of("0123456789abcdef0123456789abcdef",
      new JsonObject().put("event_type", "play_video").put("username", "ann"), Origin.EXTERNAL);
  private static final Event EMITTED = Event.of("fedcba9876543210fedcba9876543210",
      new JsonObject().put("event_type", "anserv.x"), new Origin("echo", 2));

  @Test
  void eventBatchesRoundTripWithOriginAndSyncFlag() {
    EventBatchCodec codec = new EventBatchCodec();
    Buffer wire = Buffer.buffer().appendString("prefix");
    codec.encodeToWire(wire, new EventBatch(List.of(OUTSIDE, EMITTED), true));

    EventBatch decoded = codec.decodeFromWire(6, wire);

    assertThat(decoded.sync()).isTrue();
    assertThat(decoded.events()).extracting(Event::id).containsExactly(OUTSIDE.id(), EMITTED.id());
    assertThat(decoded.events().get(1).origin()).isEqualTo(new Origin("echo", 2));
    assertThat(decoded.events().get(0).origin()).isEqualTo(Origin.EXTERNAL);
    assertThat(decoded.events().get(0).json()).isEqualTo(OUTSIDE.json());
  }

  @Test
  void liveBatchesRoundTripWithOffsets() {
    LiveBatchCodec codec = new LiveBatchCodec();
    Buffer wire = Buffer.buffer();
    codec.encodeToWire(wire, new LiveBatch(List.of(new LoggedEvent(41, 1000, OUTSIDE),
        new LoggedEvent(42, 1001, EMITTED))));

    LiveBatch decoded = codec.decodeFromWire(0, wire);

    assertThat(decoded.events()).extracting(LoggedEvent::offset).containsExactly(41L, 42L);
    assertThat(decoded.events()).extracting(LoggedEvent::appendedAtMillis).containsExactly(1000L, 1001L);
    assertThat(decoded.events().get(1).event().origin().emittingModule()).contains("echo");
  }

  @Test
  void localDeliveryPassesTheSameImmutableBatch() {
    EventBatch batch = new EventBatch(List.of(OUTSIDE), false);
    assertThat(new EventBatchCodec().transform(batch)).isSameAs(batch);
  }
}
