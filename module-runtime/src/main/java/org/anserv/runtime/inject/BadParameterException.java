package org.anserv.runtime.inject;

/** A request parameter is missing or cannot be converted to its declared type; the caller gets a 400. */
public final class BadParameterException extends RuntimeException {

  public BadParameterException(String message) {
    super(message, null, false, false);
  }
}
