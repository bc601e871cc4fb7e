package org.anserv.runtime.log.local;

import org.anserv.runtime.log.TailWaiters;
import org.anserv.runtime.log.Reply;
import org.anserv.runtime.log.IdWindow;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.anserv.runtime.log.AppendResult;
import org.anserv.runtime.log.LogEntry;
import org.anserv.runtime.log.LogUnavailableException;
import org.anserv.runtime.log.LogUnavailableException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log's one writer thread: takes everything queued (up to 4 MiB), appends it with one write, syncs once, then
 * completes every waiting append. After a failed write the tail is truncated back and the next append tries
 * again; after a failed sync the log refuses everything until reopened, since the kernel may have dropped the
 * unsynced pages and the file's content is unknown.
 */
final class GroupCommitWriter {

  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
  private static final long MAX_BATCH_BYTES = 4 << 20;
  private static final long IDLE_MILLIS = 1000;

  private final SegmentSet segments;
  private final IdWindow window;
  private final LocalLogOptions options;
  private final LogMeters meters;
  private final TailWaiters tails;
  private final AppendQueue queue;
  private final StagedBatch batch = new StagedBatch();
  private final Promise<Void> stopped = Promise.promise();
  private final Thread thread;
  private volatile long endOffset;

  GroupCommitWriter(SegmentSet segments, IdWindow window, LocalLogOptions options, LogMeters meters,
      TailWaiters tails) {
    this.segments = segments;
    this.window = window;
    this.options = options;
    this.meters = meters;
    this.tails = tails;
    this.queue = new AppendQueue(options.queueBytes());
    this.endOffset = segments.active().endOffset();
    this.thread = Thread.ofPlatform().name("anserv-log-writer").daemon(true).unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  /** Every offset below this is durable and readable. */
  long endOffset() {
    return endOffset;
  }

  long queuedBytes() {
    return queue.queuedBytes();
  }

  /** Queues an append, or fails its reply at once if the log cannot take it. */
  void append(List<LogEntry> entries, long bytes, Reply<List<AppendResult>> reply) {
    LogUnavailableException refusal = queue.offer(new PendingAppend(entries, bytes, reply));
    if (refusal != null) {
      meters.rejected(entries.size());
      reply.fail(refusal);
    }
  }

  /** Stops taking appends; completes once everything queued before is committed and the thread has ended. */
  Future<Void> stop() {
    queue.close();
    return stopped.future();
  }

  private void run() {
    try {
      for (List<PendingAppend> pending = queue.take(MAX_BATCH_BYTES, IDLE_MILLIS); pending != null;
          pending = queue.take(MAX_BATCH_BYTES, IDLE_MILLIS)) {
        if (pending.isEmpty()) {
          segments.applyRetention(options.retention(), System.currentTimeMillis());
        } else {
          commit(pending);
        }
      }
    } catch (RuntimeException | Error e) {
      LOG.error("The event log writer stopped on an unexpected error", e);
      breakDown(List.of(), e);
    } finally {
      stopped.complete();
    }
  }

  private void commit(List<PendingAppend> pending) {
    long now = System.currentTimeMillis();
    boolean rolled;
    try {
      rolled = segments.rollIfFull(options.segmentBytes());
    } catch (IOException e) {
      fail(pending, new LogUnavailableException(Reason.WRITE_FAILED, "Could not start a new log segment: " + e, e));
      return;
    }
    Segment active = segments.active();
    batch.begin(endOffset, active.size(), now);
    List<List<AppendResult>> results = new ArrayList<>(pending.size());
    for (PendingAppend append : pending) {
      results.add(batch.stage(append.entries(), window));
    }
    ByteBuffer bytes = batch.bytes();
    int written = bytes.remaining();
    if (batch.stored() > 0 && (!write(active, bytes, pending) || !sync(active, pending))) {
      return;
    }
    batch.committedTo(active, window);
    endOffset = batch.nextOffset();
    meters.committed(batch.stored(), batch.duplicates(), written);
    tails.published(endOffset);
    for (int i = 0; i < pending.size(); i++) {
      pending.get(i).reply().succeed(results.get(i));
    }
    if (rolled) {
      segments.applyRetention(options.retention(), now);
    }
  }

  private boolean write(Segment active, ByteBuffer bytes, List<PendingAppend> pending) {
    long position = batch.startPosition();
    try {
      while (bytes.hasRemaining()) {
        position += active.channel().write(bytes, position);
      }
      return true;
    } catch (IOException e) {
      try {
        active.channel().truncate(batch.startPosition());
        fail(pending, new LogUnavailableException(Reason.WRITE_FAILED, "Writing the event log failed: " + e, e));
      } catch (IOException truncateFailure) {
        e.addSuppressed(truncateFailure);
        breakDown(pending, e);
      }
      return false;
    }
  }

  private boolean sync(Segment active, List<PendingAppend> pending) {
    if (options.durability() != Durability.FSYNC) {
      return true;
    }
    long start = System.nanoTime();
    try {
      active.channel().force(false);
      meters.synced(System.nanoTime() - start);
      return true;
    } catch (IOException e) {
      breakDown(pending, e);
      return false;
    }
  }

  private void breakDown(List<PendingAppend> pending, Throwable cause) {
    LOG.error("Event log broken", cause);
    LogUnavailableException broken = new LogUnavailableException(Reason.BROKEN, "The event log failed to sync or"
        + " write and cannot tell what the disk holds; it refuses appends until the server is restarted: " + cause,
        cause);
    List<PendingAppend> refused = new ArrayList<>(pending);
    refused.addAll(queue.breakDown(broken));
    fail(refused, broken);
  }

  private void fail(List<PendingAppend> pending, LogUnavailableException failure) {
    for (PendingAppend append : pending) {
      meters.rejected(append.entries().size());
      append.reply().fail(failure);
    }
  }
}
