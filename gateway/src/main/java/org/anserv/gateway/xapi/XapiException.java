package org.anserv.gateway.xapi;

/** A request the statements endpoint refuses; the message says what was wrong and what to send instead. */
final class XapiException extends RuntimeException {

  private final int status;

  XapiException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  /** The HTTP status to answer. */
  int status() {
    return status;
  }
}
