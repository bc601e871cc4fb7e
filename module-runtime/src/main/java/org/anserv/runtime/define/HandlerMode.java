package org.anserv.runtime.define;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.anserv.api.Delivery;

/**
 * How a handler receives events.
 *
 * @param delivery realtime, queued or batched
 * @param batchSize for batched handlers, the most events per call
 * @param batchWait for batched handlers, the longest an event waits for its batch
 */
public record HandlerMode(Delivery delivery, int batchSize, Duration batchWait) {

  /** The mode as shown in the schema. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("delivery", delivery.name().toLowerCase(java.util.Locale.ROOT));
    if (delivery == Delivery.BATCHED) {
      json.put("batchSize", batchSize).put("batchSeconds", batchWait.toSeconds());
    }
    return json;
  }
}
