package org.anserv.testkit;

/** A view or query call failed; {@link #status()} is what an HTTP caller would get (400, 404, 500, 503, 504). */
public final class CallFailedException extends RuntimeException {

  private final int status;

  CallFailedException(int status, String message) {
    super(status + ": " + message);
    this.status = status;
  }

  /** The failure's status code. */
  public int status() {
    return status;
  }
}
