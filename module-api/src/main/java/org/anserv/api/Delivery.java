package org.anserv.api;

/**
 * How events reach an {@link EventHandler}. Every mode reads the same durable event log, so a module that was
 * stopped, slow or deployed late still receives every event, in log order.
 */
public enum Delivery {

  /**
   * As soon as an event is durably accepted, pushed to the handler; a hard-realtime request
   * ({@code POST /events?sync=true}) is answered only after these handlers ran. Events missed while the module was
   * down are caught up from the log first.
   */
  REALTIME,

  /** Read from the log at the module's own pace, from its persisted position; lag is a metric. */
  QUEUED,

  /**
   * Read from the log and handed over as a {@code List<Event>} once {@link EventHandler#batchSize()} events are
   * waiting or {@link EventHandler#batchSeconds()} have passed, whichever comes first.
   */
  BATCHED
}
