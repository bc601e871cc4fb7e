package org.anserv.runtime.log;

import io.vertx.core.buffer.Buffer;

/**
 * One event read back from the log.
 *
 * @param offset its position in the log: 0 for the first event ever appended, then consecutive
 * @param id the id it was appended with
 * @param appendedAtMillis when the log stored it, in epoch milliseconds (the group commit's clock, not the event's
 *     own time)
 * @param payload the bytes it was appended with
 */
public record LogRecord(long offset, EventId id, long appendedAtMillis, Buffer payload) {
}
