package org.anserv.runtime.log.local;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * The answer to one call, completed by a log thread on the caller's Vert.x context (captured when the call was
 * made), or on the completing thread when the log has no {@code Vertx}.
 */
final class Reply<T> {

  private final Promise<T> promise = Promise.promise();
  private final Context context;

  private Reply(Context context) {
    this.context = context;
  }

  static <T> Reply<T> on(Vertx vertx) {
    return new Reply<>(vertx == null ? null : vertx.getOrCreateContext());
  }

  Future<T> future() {
    return promise.future();
  }

  void succeed(T value) {
    if (context == null) {
      promise.tryComplete(value);
    } else {
      context.runOnContext(ignored -> promise.tryComplete(value));
    }
  }

  void fail(Throwable failure) {
    if (context == null) {
      promise.tryFail(failure);
    } else {
      context.runOnContext(ignored -> promise.tryFail(failure));
    }
  }
}
