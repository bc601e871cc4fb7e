package org.anserv.runtime.log;

import io.vertx.core.Future;
import java.util.List;
import java.util.OptionalLong;

/**
 * An append-only, durable, deduplicating log of events, read in order by offset.
 *
 * <p>Contract every implementation keeps:
 * <ul>
 *   <li>When the future of {@link #append} succeeds, every event of the batch is durable (as the implementation's
 *       durability setting defines it) and visible to {@link #read}; records are never visible before that.</li>
 *   <li>An event whose {@link EventId} is already stored is not stored again; its result carries the original's
 *       offset. How far back ids are remembered is the implementation's documented window.</li>
 *   <li>Offsets are consecutive from {@link #firstOffset()} to {@link #endOffset()} (exclusive) and never reused.</li>
 *   <li>When the log cannot accept (queue full, disk full, I/O error, closed) the future fails with
 *       {@link LogUnavailableException} and nothing of that batch is stored.</li>
 * </ul>
 *
 * <p>Partitions: the local log is one partition. A Kafka implementation would partition by a key (the shard key);
 * it would then add a key to {@link LogEntry} and a partition to reads, offsets and checkpoints, and this interface
 * reads as "partition 0". Nothing here assumes a single writer process except the local implementation itself.
 *
 * <p>Futures complete on the caller's Vert.x context when the implementation was given a {@code Vertx}, else on
 * the log's own threads: keep callbacks short there.
 */
public interface EventLog {

  /**
   * Appends a batch durably, deduplicating by id (also within the batch).
   *
   * @param entries the events, in the order their offsets are assigned; not empty
   * @return one result per entry, in the same order, once all are durable; or a failure with
   *     {@link LogUnavailableException} (retryable, nothing stored) or {@link IllegalArgumentException} (bad input)
   */
  Future<List<AppendResult>> append(List<LogEntry> entries);

  /**
   * Reads records in offset order.
   *
   * <p>Reading below {@link #firstOffset()} (records removed by retention) starts at the first offset still held:
   * compare the first record's offset with {@code fromOffset} to see the gap. Reading at or past
   * {@link #endOffset()} returns an empty list; use {@link #awaitEndAfter(long)} to wait for more.
   *
   * @param fromOffset the first offset wanted, at least 0
   * @param maxRecords the most records returned, at least 1
   * @return up to {@code maxRecords} consecutive records from {@code fromOffset} (or {@link #firstOffset()});
   *     possibly fewer than are there (a read may stop where a segment was just sealed or deleted), and none only
   *     at or past {@link #endOffset()}
   */
  Future<List<LogRecord>> read(long fromOffset, int maxRecords);

  /** Returns the lowest offset still readable: what a replay from the beginning can reach. */
  long firstOffset();

  /** Returns the offset the next stored event will get: every offset below it is durable and readable. */
  long endOffset();

  /**
   * Waits until the log holds a record at {@code offset}, that is until {@link #endOffset()} exceeds it.
   *
   * @param offset the offset a tailing consumer wants to read next
   * @return the end offset then; completes at once if already there; fails with {@link LogUnavailableException}
   *     if the log closes first
   */
  Future<Long> awaitEndAfter(long offset);

  /**
   * Stores a consumer's checkpoint durably, replacing its previous one.
   *
   * <p>For consumers that keep no state of their own. A module with a database keeps its checkpoint in that
   * database, written with its state, so that the two cannot disagree after a crash.
   *
   * @param consumer a stable consumer name, not blank
   * @param nextOffset the next offset the consumer will read (everything below it is processed)
   * @return completes when the checkpoint is durable
   */
  Future<Void> commit(String consumer, long nextOffset);

  /**
   * Reads a consumer's checkpoint.
   *
   * @param consumer the consumer name given to {@link #commit}
   * @return the last committed next offset, or empty if the consumer never committed
   */
  Future<OptionalLong> checkpoint(String consumer);

  /** Returns counters since the log was opened. */
  LogStats stats();

  /**
   * Stops accepting appends, commits what is queued, then releases the files.
   *
   * @return completes once everything accepted before is durable and the files are closed
   */
  Future<Void> close();
}
