package org.anserv.api;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * The decoded payload of one event. edX puts it in {@code event} (eventtracking: {@code data}) as an object from the
 * server, as JSON text from the browser, as JSON text of JSON text from 2014-era browsers, and as plain text (a query
 * string, or a request dump cut at 512 characters) elsewhere: decode at most twice and keep anything else as text.
 */
final class Payload {

  private static final int MAX_DECODES = 2;

  private final Object value;
  private final Lenient fields;

  private Payload(Object value) {
    this.value = value;
    this.fields = value instanceof JsonObject object ? new Lenient(object) : Lenient.EMPTY;
  }

  /** The payload of {@code raw}: {@code event}, or {@code data} when {@code event} holds no object. */
  static Payload of(JsonObject raw) {
    Object event = raw.getValue("event");
    Payload decoded = decode(event);
    if (decoded.value instanceof JsonObject) {
      return decoded;
    }
    Object data = raw.getValue("data");
    if (data instanceof JsonObject || (event == null && data != null)) {
      return decode(data);
    }
    return decoded;
  }

  private static Payload decode(Object value) {
    return new Payload(value instanceof String text ? unwrap(text, MAX_DECODES) : value);
  }

  private static Object unwrap(String text, int decodes) {
    String trimmed = text.strip();
    if (decodes == 0 || trimmed.isEmpty() || "{[\"".indexOf(trimmed.charAt(0)) < 0) {
      return text;
    }
    Object decoded;
    try {
      decoded = Json.decodeValue(trimmed);
    } catch (DecodeException e) {
      return text;
    }
    if (decoded instanceof String inner) {
      return unwrap(inner, decodes - 1);
    }
    return decoded == null ? text : decoded;
  }

  /** The payload object itself (not a copy), or {@code null} when the payload is not an object. */
  JsonObject object() {
    return value instanceof JsonObject object ? object : null;
  }

  /** Lenient reads of the payload object's fields (all empty when the payload is not an object). */
  Lenient fields() {
    return fields;
  }

  /** The payload when it is a JSON array ({@code [querystring, html]} of browser {@code problem_graded}). */
  Optional<JsonArray> array() {
    return value instanceof JsonArray array ? Optional.of(array) : Optional.empty();
  }

  /** The payload when it is non-empty text that is not JSON: a query string or a truncated request dump. */
  Optional<String> text() {
    return value instanceof String s && !s.isEmpty() ? Optional.of(s) : Optional.empty();
  }
}
