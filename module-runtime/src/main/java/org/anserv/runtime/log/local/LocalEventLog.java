package org.anserv.runtime.log.local;

import org.anserv.runtime.log.TailWaiters;
import org.anserv.runtime.log.Reply;
import org.anserv.runtime.log.IdWindow;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.anserv.runtime.log.AppendResult;
import org.anserv.runtime.log.EventLog;
import org.anserv.runtime.log.LogEntry;
import org.anserv.runtime.log.LogRecord;
import org.anserv.runtime.log.LogStats;
import org.anserv.runtime.log.LogUnavailableException;
import org.anserv.runtime.log.LogUnavailableException.Reason;

/**
 * The single-node {@link EventLog}: segment files in one directory, written by one group-commit thread and synced
 * with {@code FileChannel.force} before any append is acknowledged (unless the durability is {@code PROCESS}).
 *
 * <p>Deduplication remembers the latest {@link LocalLogOptions#dedupWindow()} ids (at least half of them), refilled
 * from the log's index files when it opens; an event whose original is older than that is stored again, and the
 * consumers' own idempotence per offset keeps their figures exact for what the log holds. Reads run on two reader
 * threads and checkpoint writes on the same threads.
 *
 * <pre>{@code
 * EventLog log = LocalEventLog.open(LocalLogOptions.defaults(dataDir.resolve("log")), vertx, registry);
 * log.append(List.of(new LogEntry(id, Buffer.buffer(json)))).onSuccess(results -> answer202());
 * }</pre>
 */
public final class LocalEventLog implements EventLog {

  private final Vertx vertx;
  private final SegmentSet segments;
  private final GroupCommitWriter writer;
  private final SegmentReader reader;
  private final CheckpointFile checkpoints;
  private final TailWaiters tails = new TailWaiters();
  private final LogMeters meters;
  private final LocalLogOptions options;
  private final ExecutorService readers;

  private LocalEventLog(Vertx vertx, LocalLogOptions options, MeterRegistry registry, SegmentSet segments,
      IdWindow window) throws IOException {
    this.vertx = vertx;
    this.options = options;
    this.segments = segments;
    this.meters = new LogMeters(registry);
    boolean sync = options.durability() == Durability.FSYNC;
    this.checkpoints = new CheckpointFile(options.directory().resolve("checkpoints.json"), sync);
    this.writer = new GroupCommitWriter(segments, window, options, meters, tails);
    this.reader = new SegmentReader(segments, writer::endOffset);
    this.readers = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("anserv-log-reader-", 0).daemon(true)
        .factory());
    meters.registerGauges(registry, writer::queuedBytes, segments::sizeBytes, writer::endOffset,
        segments::firstOffset);
  }

  /**
   * Opens the log, creating it if absent: cuts a torn tail left by a crash, refills the dedup window, and starts
   * the writer. Blocking (it reads the newest segment): call it at startup or from a worker.
   *
   * @param options where and how, not null
   * @param vertx to complete futures on the caller's context; null to complete them on the log's threads
   * @param registry to publish {@code anserv.log.*} meters to; null for none
   * @return the open log
   * @throws IOException if the directory cannot be used, is locked by another process, or a sealed segment is
   *     damaged
   */
  public static LocalEventLog open(LocalLogOptions options, Vertx vertx, MeterRegistry registry)
      throws IOException {
    SegmentSet segments = SegmentSet.open(options.directory(), options.durability() == Durability.FSYNC);
    try {
      IdWindow window = DedupRefill.refill(segments.snapshot(), options.dedupWindow());
      LocalEventLog log = new LocalEventLog(vertx, options, registry, segments, window);
      log.writer.start();
      return log;
    } catch (IOException | RuntimeException e) {
      segments.close();
      throw e;
    }
  }

  @Override
  public Future<List<AppendResult>> append(List<LogEntry> entries) {
    if (entries == null || entries.isEmpty()) {
      return Future.failedFuture(new IllegalArgumentException("An append needs at least one entry"));
    }
    long bytes = 0;
    for (LogEntry entry : entries) {
      if (entry.payload().length() > RecordFormat.MAX_PAYLOAD) {
        return Future.failedFuture(new IllegalArgumentException("Event " + entry.id() + " has "
            + entry.payload().length() + " bytes; the log takes at most " + RecordFormat.MAX_PAYLOAD));
      }
      bytes += RecordFormat.frameSize(entry.payload().length());
    }
    if (bytes > options.queueBytes()) {
      return Future.failedFuture(new IllegalArgumentException("A batch of " + bytes + " bytes can never fit the"
          + " log's queue of " + options.queueBytes() + " bytes: split it"));
    }
    Reply<List<AppendResult>> reply = Reply.on(vertx);
    writer.append(List.copyOf(entries), bytes, reply);
    return reply.future();
  }

  @Override
  public Future<List<LogRecord>> read(long fromOffset, int maxRecords) {
    if (fromOffset < 0 || maxRecords < 1) {
      return Future.failedFuture(new IllegalArgumentException("read needs fromOffset >= 0 and maxRecords >= 1, got "
          + fromOffset + " and " + maxRecords));
    }
    return onReaderThread(() -> reader.read(fromOffset, maxRecords));
  }

  @Override
  public long firstOffset() {
    return segments.firstOffset();
  }

  @Override
  public long endOffset() {
    return writer.endOffset();
  }

  @Override
  public Future<Long> awaitEndAfter(long offset) {
    Reply<Long> reply = Reply.on(vertx);
    tails.await(offset, reply, writer::endOffset);
    return reply.future();
  }

  @Override
  public Future<Void> commit(String consumer, long nextOffset) {
    if (consumer == null || consumer.isBlank() || nextOffset < 0) {
      return Future.failedFuture(new IllegalArgumentException("commit needs a consumer name and an offset >= 0, got "
          + consumer + " and " + nextOffset));
    }
    return onReaderThread(() -> {
      checkpoints.commit(consumer, nextOffset);
      return null;
    });
  }

  @Override
  public Future<OptionalLong> checkpoint(String consumer) {
    return Future.succeededFuture(checkpoints.read(consumer));
  }

  @Override
  public LogStats stats() {
    return meters.snapshot(writer.queuedBytes());
  }

  /** Returns the options the log was opened with. */
  public LocalLogOptions options() {
    return options;
  }

  @Override
  public Future<Void> close() {
    Reply<Void> reply = Reply.on(vertx);
    writer.stop().onComplete(stopped -> {
      tails.close(new LogUnavailableException(Reason.CLOSED, "The event log is closed", null));
      readers.shutdown();
      try {
        segments.close();
        reply.succeed(null);
      } catch (IOException e) {
        reply.fail(e);
      }
    });
    return reply.future();
  }

  private <T> Future<T> onReaderThread(Callable<T> task) {
    Reply<T> reply = Reply.on(vertx);
    try {
      readers.execute(() -> {
        try {
          reply.succeed(task.call());
        } catch (Exception e) {
          reply.fail(e);
        }
      });
    } catch (RejectedExecutionException e) {
      reply.fail(new LogUnavailableException(Reason.CLOSED, "The event log is closed", e));
    }
    return reply.future();
  }
}
