package org.anserv.runtime.log;

import io.vertx.core.buffer.Buffer;
import java.util.Objects;

/**
 * One event handed to {@link EventLog#append}: its id and its bytes.
 *
 * @param id the id by which duplicates are recognised, not null
 * @param payload the event as stored and later read back (the normalised event JSON), not null; the log copies it
 *     when it writes it, so it must not change until the append completes
 */
public record LogEntry(EventId id, Buffer payload) {

  /** Checks both components are present. */
  public LogEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(payload, "payload");
  }
}
