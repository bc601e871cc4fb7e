package org.anserv.runtime.log;

/**
 * Counters since the log was opened, for logs, tests and the dashboard (the same figures are also published as
 * Micrometer meters named {@code anserv.log.*} when a registry is given).
 *
 * @param appendedEvents events stored
 * @param duplicateEvents events refused as duplicates of a stored id
 * @param rejectedEvents events refused with {@link LogUnavailableException} (queue full, write error, closed)
 * @param appendedBytes bytes written to the log, framing included
 * @param commits group commits, each ending in one sync (or none with the {@code process} durability)
 * @param syncNanos total time spent waiting for the disk to sync
 * @param queuedBytes bytes accepted but not yet committed, at the time of the call
 */
public record LogStats(
    long appendedEvents,
    long duplicateEvents,
    long rejectedEvents,
    long appendedBytes,
    long commits,
    long syncNanos,
    long queuedBytes) {
}
