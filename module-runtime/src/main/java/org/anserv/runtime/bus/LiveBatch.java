package org.anserv.runtime.bus;

import java.util.List;

/**
 * Events just stored in the log, in offset order, pushed to modules for realtime delivery. Delivered locally by
 * reference; events are read-only to modules.
 *
 * @param events the events, offsets increasing; not always consecutive: on a log shared by several nodes (Kafka) one
 *     batch may be stored in parts with another node's events between them
 */
public record LiveBatch(List<LoggedEvent> events) {

  public LiveBatch {
    events = List.copyOf(events);
  }
}
