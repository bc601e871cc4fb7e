package org.anserv.runtime.bus;

import java.util.List;
import org.anserv.api.Event;

/**
 * Events travelling together on the event bus. Delivered locally without copying: {@link Event} is read-only.
 *
 * @param events the events, in the order received
 * @param sync whether the sender waits until every subscribed handler has run (hard realtime)
 */
public record EventBatch(List<Event> events, boolean sync) {

  public EventBatch {
    events = List.copyOf(events);
  }
}
