package org.anserv.runtime.log;

/**
 * The log cannot accept an append now; nothing of the refused batch was stored, so the producer may retry it.
 *
 * <p>Intake answers {@code 503} with {@code Retry-After: }{@link #retryAfterSeconds()}.
 */
public final class LogUnavailableException extends RuntimeException {

  /** Why the log refused. */
  public enum Reason {
    /** More bytes are waiting for the disk than the configured queue holds. */
    QUEUE_FULL(1),
    /** Writing failed (disk full, I/O error); the log stays usable and the next append tries again. */
    WRITE_FAILED(5),
    /** Syncing failed: the log cannot know what the disk holds and refuses everything until it is reopened. */
    BROKEN(30),
    /** The log is closed or closing. */
    CLOSED(5),
    /** The log's servers (Kafka brokers) did not answer in time; what they stored of the batch is deduplicated. */
    UNREACHABLE(5);

    private final int retryAfterSeconds;

    Reason(int retryAfterSeconds) {
      this.retryAfterSeconds = retryAfterSeconds;
    }
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason why the log refused, not null
   * @param message what happened, for the log file and the 503 body
   * @param cause the underlying I/O error, or null
   */
  public LogUnavailableException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** Returns why the log refused. */
  public Reason reason() {
    return reason;
  }

  /** Returns a suggested delay before retrying, for the {@code Retry-After} header. */
  public int retryAfterSeconds() {
    return reason.retryAfterSeconds;
  }
}
