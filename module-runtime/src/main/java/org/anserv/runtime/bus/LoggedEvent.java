package org.anserv.runtime.bus;

import org.anserv.api.Event;

/**
 * An event as stored in the log.
 *
 * @param offset its position in the log
 * @param appendedAtMillis when the log stored it
 * @param event the event
 */
public record LoggedEvent(long offset, long appendedAtMillis, Event event) {
}
