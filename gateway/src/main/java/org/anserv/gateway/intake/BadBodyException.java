package org.anserv.gateway.intake;

/** The request as a whole cannot be read as events; the message says why and what to send instead. */
public final class BadBodyException extends RuntimeException {

  private final int status;

  BadBodyException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  /** The HTTP status to answer: 400, 413 or 415. */
  public int status() {
    return status;
  }
}
