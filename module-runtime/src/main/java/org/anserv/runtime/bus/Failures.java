package org.anserv.runtime.bus;

/**
 * Failure codes of {@code message.fail(code, text)} on anserv's addresses, chosen to read as HTTP statuses so the
 * gateway maps them one to one.
 */
public final class Failures {

  /** The request was malformed: a missing or unparsable parameter, a bad body. */
  public static final int BAD_REQUEST = 400;

  /** The caller is not logged in and the view or query is not public. */
  public static final int UNAUTHENTICATED = 401;

  /**
   * The caller may not call this view or query, or not with these parameters; or module code tried to reach what it
   * must not (another module's private address).
   */
  public static final int FORBIDDEN = 403;

  /** No such module, view or query. */
  public static final int NOT_FOUND = 404;

  /** The module's code threw or returned a failed future. */
  public static final int MODULE_FAILED = 500;

  /** The module cannot take the call now (stopped, overloaded); try again later. */
  public static final int UNAVAILABLE = 503;

  /** The module did not answer in time. */
  public static final int TIMED_OUT = 504;

  private Failures() {
  }
}
