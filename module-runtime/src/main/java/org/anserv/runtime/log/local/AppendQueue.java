package org.anserv.runtime.log.local;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.anserv.runtime.log.LogUnavailableException;
import org.anserv.runtime.log.LogUnavailableException.Reason;

/**
 * Appends waiting for the writer, bounded in bytes so that a slow or failed disk turns into fast refusals instead
 * of growing memory. Also holds whether the log still accepts: open, closing, or broken.
 */
final class AppendQueue {

  private enum State { OPEN, CLOSING, BROKEN }

  private final long capacityBytes;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final ArrayDeque<PendingAppend> queue = new ArrayDeque<>();
  private long queuedBytes;
  private State state = State.OPEN;
  private LogUnavailableException brokenBy;

  AppendQueue(long capacityBytes) {
    this.capacityBytes = capacityBytes;
  }

  /** Queues the append, or returns why the log refuses it. */
  LogUnavailableException offer(PendingAppend append) {
    lock.lock();
    try {
      LogUnavailableException refusal = refusal(append.bytes());
      if (refusal == null) {
        queue.add(append);
        queuedBytes += append.bytes();
        notEmpty.signal();
      }
      return refusal;
    } finally {
      lock.unlock();
    }
  }

  private LogUnavailableException refusal(long bytes) {
    return switch (state) {
      case CLOSING -> new LogUnavailableException(Reason.CLOSED, "The event log is closed", null);
      case BROKEN -> brokenBy;
      case OPEN -> queuedBytes + bytes <= capacityBytes ? null
          : new LogUnavailableException(Reason.QUEUE_FULL, "The event log's queue is full: " + queuedBytes
              + " bytes are waiting for the disk", null);
    };
  }

  /**
   * Takes everything queued, up to {@code maxBytes} (at least one append).
   *
   * @return the appends; empty after {@code idleMillis} without any; null once closed or broken and drained
   */
  List<PendingAppend> take(long maxBytes, long idleMillis) {
    lock.lock();
    try {
      while (queue.isEmpty()) {
        if (state != State.OPEN) {
          return null;
        }
        if (!notEmpty.await(idleMillis, TimeUnit.MILLISECONDS)) {
          return List.of();
        }
      }
      List<PendingAppend> taken = new ArrayList<>();
      long bytes = 0;
      while (!queue.isEmpty() && (taken.isEmpty() || bytes + queue.peek().bytes() <= maxBytes)) {
        PendingAppend next = queue.poll();
        taken.add(next);
        bytes += next.bytes();
      }
      queuedBytes -= bytes;
      return taken;
    } catch (InterruptedException e) {
      // nobody interrupts the writer on purpose; an idle round is harmless
      return List.of();
    } finally {
      lock.unlock();
    }
  }

  /** Refuses new appends; those already queued are still taken. */
  void close() {
    lock.lock();
    try {
      if (state == State.OPEN) {
        state = State.CLOSING;
      }
      notEmpty.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Refuses everything from now on with {@code reason}, returning what was queued (to be failed too). */
  List<PendingAppend> breakDown(LogUnavailableException reason) {
    lock.lock();
    try {
      state = State.BROKEN;
      brokenBy = reason;
      List<PendingAppend> queued = new ArrayList<>(queue);
      queue.clear();
      queuedBytes = 0;
      return queued;
    } finally {
      lock.unlock();
    }
  }

  long queuedBytes() {
    lock.lock();
    try {
      return queuedBytes;
    } finally {
      lock.unlock();
    }
  }
}
