package org.anserv.runtime.log;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;

/** Consumers waiting for a log to grow past an offset, woken by its writer after each commit; thread-safe. */
public final class TailWaiters {

  private record Waiter(long offset, Reply<Long> reply) {
  }

  private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
  private volatile Throwable closed;

  /**
   * Registers a waiter, then checks again, so a commit published in between is not missed.
   *
   * @param offset the offset the waiter needs
   * @param reply completed with the end offset once it exceeds {@code offset}
   * @param endOffset reads the log's current end offset
   */
  public void await(long offset, Reply<Long> reply, LongSupplier endOffset) {
    Waiter waiter = new Waiter(offset, reply);
    waiters.add(waiter);
    long end = endOffset.getAsLong();
    if (end > offset && waiters.remove(waiter)) {
      reply.succeed(end);
    } else if (closed != null && waiters.remove(waiter)) {
      reply.fail(closed);
    }
  }

  /**
   * Wakes every waiter the new end offset satisfies.
   *
   * @param endOffset the log's end offset after a commit
   */
  public void published(long endOffset) {
    if (waiters.isEmpty()) {
      return;
    }
    waiters.removeIf(waiter -> {
      if (waiter.offset() < endOffset) {
        waiter.reply().succeed(endOffset);
        return true;
      }
      return false;
    });
  }

  /**
   * Fails every waiter, now and later.
   *
   * @param reason the failure given to them
   */
  public void close(Throwable reason) {
    closed = reason;
    Waiter waiter;
    while ((waiter = waiters.poll()) != null) {
      waiter.reply().fail(reason);
    }
  }
}
