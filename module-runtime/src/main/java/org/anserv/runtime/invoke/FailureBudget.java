package org.anserv.runtime.invoke;

import java.util.ArrayDeque;

/**
 * Counts a module's failures and timeouts in a sliding window and says when they exceed the budget. Used from the
 * module's context only.
 */
public final class FailureBudget {

  private final int budget;
  private final long windowNanos;
  private final ArrayDeque<Long> failures = new ArrayDeque<>();

  /** A budget of {@code budget} failures within {@code windowMillis}. */
  public FailureBudget(int budget, long windowMillis) {
    this.budget = budget;
    this.windowNanos = windowMillis * 1_000_000;
  }

  /** Records one failure at {@code nowNanos}; true once more than the budget happened within the window. */
  public boolean failed(long nowNanos) {
    failures.addLast(nowNanos);
    while (!failures.isEmpty() && nowNanos - failures.peekFirst() > windowNanos) {
      failures.pollFirst();
    }
    return failures.size() > budget;
  }

  /** Failures within the window as of the last one recorded. */
  public int recent() {
    return failures.size();
  }
}
