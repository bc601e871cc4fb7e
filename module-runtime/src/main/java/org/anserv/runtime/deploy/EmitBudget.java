package org.anserv.runtime.deploy;

/**
 * How many events one module may emit: a token bucket refilled at {@code perSecond} tokens a second, holding at most
 * one second's worth, so a module may burst to its rate and keep to it on average. A module that emits without end
 * is held to its rate; the log, the router and the other modules see no more than that.
 */
final class EmitBudget {

  private final int perSecond;
  private double tokens;
  private long refilledAt = System.nanoTime();

  EmitBudget(int perSecond) {
    this.perSecond = perSecond;
    this.tokens = perSecond;
  }

  /** The budget per second. */
  int perSecond() {
    return perSecond;
  }

  /** Takes one event's worth; false when the module is over its budget. */
  synchronized boolean take() {
    long now = System.nanoTime();
    tokens = Math.min(perSecond, tokens + (now - refilledAt) * perSecond / 1e9);
    refilledAt = now;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
