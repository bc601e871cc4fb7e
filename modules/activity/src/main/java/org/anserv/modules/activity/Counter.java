package org.anserv.modules.activity;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/** Events counted in memory, with the first and last of their times, until they are written as one update. */
final class Counter {

  private long events;
  private long first = Long.MAX_VALUE;
  private long last = Long.MIN_VALUE;

  /** Counts one event that happened at {@code time}, when it is known. */
  void add(Optional<Instant> time) {
    events++;
    time.ifPresent(t -> {
      first = Math.min(first, t.toEpochMilli());
      last = Math.max(last, t.toEpochMilli());
    });
  }

  /**
   * The MongoDB update adding these events to a stored counter: {@code $inc} of {@code events}, {@code $max} of
   * {@code last} and, with {@code keepFirst}, {@code $min} of {@code first} (times as epoch milliseconds).
   */
  JsonObject update(boolean keepFirst) {
    JsonObject update = new JsonObject().put("$inc", new JsonObject().put("events", events));
    if (last != Long.MIN_VALUE) {
      update.put("$max", new JsonObject().put("last", last));
      if (keepFirst) {
        update.put("$min", new JsonObject().put("first", first));
      }
    }
    return update;
  }
}
