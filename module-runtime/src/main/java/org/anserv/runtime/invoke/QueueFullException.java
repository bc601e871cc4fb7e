package org.anserv.runtime.invoke;

/** A module already has as many calls waiting as it may; the call is refused rather than queued without bound. */
public final class QueueFullException extends RuntimeException {

  QueueFullException(int capacity) {
    super("The module has " + capacity + " calls waiting already; try again later.", null, false, false);
  }
}
