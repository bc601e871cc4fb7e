package org.anserv.api;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * Typed reads of one JSON object that never throw: the same field is a number in one edX era and a numeric string in
 * another ({@code "1.25"}, {@code "6"}), and a missing, null or mistyped field simply reads as empty.
 */
final class Lenient {

  static final Lenient EMPTY = new Lenient(new JsonObject());

  private final JsonObject object;

  Lenient(JsonObject object) {
    this.object = object;
  }

  /** The first of {@code names} holding a non-empty string. */
  Optional<String> text(String... names) {
    for (String name : names) {
      if (object.getValue(name) instanceof String s && !s.isEmpty()) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The first of {@code names} holding a finite number or a numeric string. */
  Optional<Double> number(String... names) {
    for (String name : names) {
      Double value = toDouble(object.getValue(name));
      if (value != null) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  /** The first of {@code names} holding a whole number or a string of one. */
  Optional<Long> integer(String... names) {
    for (String name : names) {
      Object value = object.getValue(name);
      if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
        return Optional.of(((Number) value).longValue());
      }
      Double number = toDouble(value);
      if (number != null && number == Math.rint(number) && Math.abs(number) < 9.0e15) {
        return Optional.of(number.longValue());
      }
    }
    return Optional.empty();
  }

  /** The first of {@code names} holding a whole number within {@code int} range, or a string of one. */
  Optional<Integer> int32(String... names) {
    return integer(names).filter(n -> n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE).map(Long::intValue);
  }

  /** A boolean field, also accepting the strings {@code true} and {@code false}. */
  Optional<Boolean> bool(String name) {
    Object value = object.getValue(name);
    if (value instanceof Boolean b) {
      return Optional.of(b);
    }
    if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
      return Optional.of(Boolean.parseBoolean(s));
    }
    return Optional.empty();
  }

  /** A nested object; {@link #EMPTY} when absent or not an object. */
  Lenient object(String name) {
    return object.getValue(name) instanceof JsonObject nested ? new Lenient(nested) : EMPTY;
  }

  private static Double toDouble(Object value) {
    double result;
    if (value instanceof Number n) {
      result = n.doubleValue();
    } else if (value instanceof String s && !s.isBlank()) {
      try {
        result = Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    } else {
      return null;
    }
    return Double.isFinite(result) ? result : null;
  }
}
