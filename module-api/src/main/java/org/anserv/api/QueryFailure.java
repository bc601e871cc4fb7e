package org.anserv.api;

/**
 * Why a call through {@link Queries} failed: the HTTP-like status ({@code 400} bad parameters, {@code 404} unknown
 * module or query, {@code 500} the module threw, {@code 503} unavailable, {@code 504} timed out) and a message.
 *
 * <p>A view or query may also throw (or fail its future with) a {@code QueryFailure} of status {@code 400} or
 * {@code 404} to refuse a request it cannot answer, or {@code 503} when what it needs is not available (the
 * {@link Sql} handle fails so when no read-replica is configured); the caller gets that status and message instead of
 * a 500, and the module's failure budget is not charged:
 * <pre>{@code
 * throw new QueryFailure(404, "No course named '" + course + "' has been seen.");
 * }</pre>
 */
public class QueryFailure extends RuntimeException {

  private final int status;

  /** A failure with its status and message. */
  public QueryFailure(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  /** The status: 400, 404, 500, 503 or 504. */
  public int status() {
    return status;
  }
}
