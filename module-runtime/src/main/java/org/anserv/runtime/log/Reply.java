package org.anserv.runtime.log;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * The answer to one call, completed by a log thread on the caller's Vert.x context (captured when the call was
 * made), or on the completing thread when the log has no {@code Vertx}.
 *
 * @param <T> the type of the answer
 */
public final class Reply<T> {

  private final Promise<T> promise = Promise.promise();
  private final Context context;

  private Reply(Context context) {
    this.context = context;
  }

  /**
   * Creates a reply for a call made now.
   *
   * @param vertx the log's Vert.x, or null
   * @param <T> the type of the answer
   * @return a reply completing on the current context (or a new one) of {@code vertx}
   */
  public static <T> Reply<T> on(Vertx vertx) {
    return new Reply<>(vertx == null ? null : vertx.getOrCreateContext());
  }

  /** Returns the future the caller waits on. */
  public Future<T> future() {
    return promise.future();
  }

  /**
   * Completes the call, once.
   *
   * @param value the answer
   */
  public void succeed(T value) {
    if (context == null) {
      promise.tryComplete(value);
    } else {
      context.runOnContext(ignored -> promise.tryComplete(value));
    }
  }

  /**
   * Fails the call, once.
   *
   * @param failure why
   */
  public void fail(Throwable failure) {
    if (context == null) {
      promise.tryFail(failure);
    } else {
      context.runOnContext(ignored -> promise.tryFail(failure));
    }
  }
}
