/**
 * The durable event log: the source of truth every module database is a projection of.
 *
 * <p>{@link org.anserv.runtime.log.EventLog} is the one interface the rest of the runtime uses: append a batch
 * durably (deduplicated by {@link org.anserv.runtime.log.EventId}), read in order from an offset, wait for new
 * records, and keep per-consumer checkpoints. The single-node implementation lives in
 * {@link org.anserv.runtime.log.local}; a clustered one on Kafka can implement the same interface.
 */
package org.anserv.runtime.log;
