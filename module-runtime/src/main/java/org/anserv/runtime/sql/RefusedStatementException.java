package org.anserv.runtime.sql;

/**
 * A statement the read-only SQL handle would not run, with a message saying what was refused and why, for example
 * {@code the SQL replica is read-only: only SELECT, SHOW, DESCRIBE and EXPLAIN run; refused: INSERT INTO auth_user ...}.
 * It fails the statement's future; it is never thrown at the caller. It has no stack trace: the message is the whole
 * story.
 */
public final class RefusedStatementException extends RuntimeException {

  /** A refusal with the message shown to the module author. */
  public RefusedStatementException(String message) {
    super(message, null, false, false);
  }
}
