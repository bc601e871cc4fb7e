package org.anserv.runtime.invoke;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs calls into one module strictly one after another, each only after the previous one's future completed, so
 * module code never runs concurrently with itself even when it awaits. Must be used from the module's context; the
 * queue is bounded and refuses work beyond its capacity instead of growing without limit.
 */
public final class SerialExecutor {

  private final Context context;
  private final int capacity;
  private record Task(Runnable start, Promise<?> promise) {
  }

  private final ArrayDeque<Task> queue = new ArrayDeque<>();
  private final List<Promise<Void>> drainWaiters = new ArrayList<>();
  private boolean running;

  /** An executor on {@code context} holding at most {@code capacity} waiting calls. */
  public SerialExecutor(Context context, int capacity) {
    this.context = context;
    this.capacity = capacity;
  }

  /**
   * Queues {@code work}; the returned future completes with its result once it ran. Fails at once with
   * {@link QueueFullException} when {@code capacity} calls are already waiting.
   */
  public <T> Future<T> submit(Supplier<Future<T>> work) {
    if (queue.size() >= capacity) {
      return Future.failedFuture(new QueueFullException(capacity));
    }
    Promise<T> promise = Promise.promise();
    queue.add(new Task(() -> start(work, promise), promise));
    if (!running) {
      running = true;
      queue.poll().start().run();
    }
    return promise.future();
  }

  /** Completes once no call runs and none waits: what a stopping module waits for before its databases close. */
  public Future<Void> drained() {
    if (!running && queue.isEmpty()) {
      return Future.succeededFuture();
    }
    Promise<Void> promise = Promise.promise();
    drainWaiters.add(promise);
    return promise.future();
  }

  /**
   * Fails every waiting call with {@code cause} without running it: what a module put in quarantine does, so callers
   * queued behind a stuck call are answered at once.
   */
  public void abandon(Throwable cause) {
    Task task;
    while ((task = queue.poll()) != null) {
      task.promise().tryFail(cause);
    }
  }

  /** How many calls wait behind the running one. */
  public int waiting() {
    return queue.size();
  }

  private <T> void start(Supplier<Future<T>> work, Promise<T> promise) {
    Future<T> result;
    try {
      result = work.get();
    } catch (Throwable t) {
      result = Future.failedFuture(t);
    }
    result.onComplete(outcome -> {
      promise.handle(outcome);
      // A fresh context task keeps the stack flat when many queued calls complete synchronously.
      context.runOnContext(v -> next());
    });
  }

  private void next() {
    Task task = queue.poll();
    if (task == null) {
      running = false;
      drainWaiters.forEach(Promise::tryComplete);
      drainWaiters.clear();
    } else {
      task.start().run();
    }
  }
}
