package org.anserv.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Emits new events, which go through the same path as events received over HTTP and reach every module subscribed
 * to them (chaining). Each emitted event records the emitting module and how many emits deep it is, and the
 * runtime refuses chains deeper than its configured limit, so two modules cannot feed each other forever.
 *
 * <pre>{@code
 * emitter.emit(new JsonObject().put("event_type", "anserv.counts.milestone").put("username", user));
 * }</pre>
 */
public interface Emitter {

  /** Emits one event, a tracking-log shaped object with at least {@code event_type}; completes once accepted. */
  Future<Void> emit(JsonObject event);
}
