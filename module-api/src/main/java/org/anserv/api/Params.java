package org.anserv.api;

import java.util.Map;
import java.util.Optional;

/**
 * All request parameters of a view or query call, as sent, for methods that want more than their declared
 * {@link Param}s. Declared parameters with defaults appear here with their default when absent.
 */
public interface Params {

  /** The value of {@code name}, or empty when the request has none. */
  Optional<String> get(String name);

  /** Every parameter, in no particular order. */
  Map<String, String> asMap();
}
