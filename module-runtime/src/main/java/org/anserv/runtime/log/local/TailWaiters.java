package org.anserv.runtime.log.local;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;

/** Consumers waiting for the log to grow past an offset, woken by the writer after each commit. */
final class TailWaiters {

  private record Waiter(long offset, Reply<Long> reply) {
  }

  private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
  private volatile Throwable closed;

  /** Registers a waiter, then checks again, so a commit published in between is not missed. */
  void await(long offset, Reply<Long> reply, LongSupplier endOffset) {
    Waiter waiter = new Waiter(offset, reply);
    waiters.add(waiter);
    long end = endOffset.getAsLong();
    if (end > offset && waiters.remove(waiter)) {
      reply.succeed(end);
    } else if (closed != null && waiters.remove(waiter)) {
      reply.fail(closed);
    }
  }

  /** Wakes every waiter the new end offset satisfies. */
  void published(long endOffset) {
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

  /** Fails every waiter, now and later. */
  void close(Throwable reason) {
    closed = reason;
    Waiter waiter;
    while ((waiter = waiters.poll()) != null) {
      waiter.reply().fail(reason);
    }
  }
}
