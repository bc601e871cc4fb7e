package org.anserv.gateway.intake;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * Reads events from the text producers send: one JSON object, a JSON array of objects, or newline-delimited JSON
 * (one object a line, blank and {@code #} lines skipped, a Python {@code logging} prefix before {@code " - {"} cut).
 * Elements that are a log shipper's envelopes are unwrapped ({@link ShipperEnvelope}).
 * Bad elements and lines are rejected one by one with their position; the good ones are kept.
 */
final class EventText {

  private final int maxEventBytes;
  private final int maxEvents;

  EventText(int maxEventBytes, int maxEvents) {
    this.maxEventBytes = maxEventBytes;
    this.maxEvents = maxEvents;
  }

  /** A body that must be one JSON value: an event object or an array of them. */
  ParsedEvents json(Buffer body) {
    if (body == null || isBlank(body)) {
      throw empty();
    }
    Object value;
    try {
      value = Json.decodeValue(body);
    } catch (DecodeException e) {
      throw new BadBodyException(400, "The body is not valid JSON: " + jsonError(e) + ". Send one event object or"
          + " an array of them; for one event per line use Content-Type: application/x-ndjson.");
    }
    ParsedEvents parsed = new ParsedEvents();
    if (value instanceof JsonObject event) {
      accept(parsed, event, body.length(), "body");
    } else if (value instanceof JsonArray array) {
      checkCount(array.size());
      boolean small = body.length() <= maxEventBytes;
      for (int i = 0; i < array.size(); i++) {
        Object item = array.getValue(i);
        if (item instanceof JsonObject event) {
          accept(parsed, event, small ? 0 : event.toBuffer().length(), "element " + i);
        } else {
          parsed.reject("element " + i, "not_object", "is " + kind(item) + ", not an event object");
        }
      }
    } else {
      throw new BadBodyException(400, "The body is " + kind(value) + ": send one event object or an array of them.");
    }
    return parsed;
  }

  /** A body of one event per line. */
  ParsedEvents lines(Buffer body) {
    return lines(body == null ? "" : body.toString(StandardCharsets.UTF_8));
  }

  /** Text that is an object, an array, or lines of objects: what arrives in a logging handler's {@code msg}. */
  ParsedEvents any(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      throw empty();
    }
    if (trimmed.startsWith("[") || (trimmed.startsWith("{") && trimmed.indexOf('\n') < 0)) {
      return json(Buffer.buffer(trimmed));
    }
    return lines(trimmed);
  }

  private ParsedEvents lines(String text) {
    ParsedEvents parsed = new ParsedEvents();
    int lineNumber = 0;
    int count = 0;
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      lineNumber++;
      String line = text.substring(start, end).strip();
      start = end + 1;
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      checkCount(++count);
      line = withoutLoggingPrefix(line);
      try {
        Object value = Json.decodeValue(line);
        if (value instanceof JsonObject event) {
          accept(parsed, event, line.length(), "line " + lineNumber);
        } else {
          parsed.reject("line " + lineNumber, "not_object", "is " + kind(value) + ", not an event object");
        }
      } catch (DecodeException e) {
        parsed.reject("line " + lineNumber, "not_json", "is not valid JSON: " + jsonError(e));
      }
    }
    if (count == 0) {
      throw empty();
    }
    return parsed;
  }

  private void accept(ParsedEvents parsed, JsonObject element, int bytes, String where) {
    JsonObject event;
    try {
      event = ShipperEnvelope.unwrap(element);
    } catch (DecodeException e) {
      parsed.reject(where, "not_json", "is an envelope whose message is not an event: " + jsonError(e));
      return;
    }
    if (bytes > maxEventBytes) {
      parsed.reject(where, "too_large", "is " + bytes + " bytes, over the limit of " + maxEventBytes
          + " (setting intake.max.event.bytes)");
    } else {
      parsed.accept(event);
    }
  }

  private void checkCount(int count) {
    if (count > maxEvents) {
      throw new BadBodyException(413, "The request holds more than " + maxEvents + " events: split it into smaller"
          + " batches (setting intake.max.events).");
    }
  }

  // "2023-05-23 13:53:13,461 INFO 20 [tracking] [user None] [ip None] logger.py:41 - {...}"
  private static String withoutLoggingPrefix(String line) {
    if (line.startsWith("{") || line.startsWith("[")) {
      return line;
    }
    int json = line.indexOf(" - {");
    return json >= 0 ? line.substring(json + 3) : line;
  }

  // Jackson's message without the source excerpt note: "Unexpected end-of-input (line 1, column 6)".
  static String jsonError(DecodeException e) {
    String message = String.valueOf(e.getMessage());
    int at = message.indexOf("\n at [Source");
    if (at < 0) {
      return message;
    }
    int line = message.indexOf("line: ", at);
    String where = line < 0 ? "" : " (" + message.substring(line, message.lastIndexOf(']')).replace(": ", " ") + ")";
    String what = message.substring(0, at);
    if (what.startsWith("Failed to decode:")) {
      what = what.substring("Failed to decode:".length()).strip();
    }
    return what + where;
  }

  private static boolean isBlank(Buffer body) {
    for (int i = 0; i < body.length(); i++) {
      if (!Character.isWhitespace(body.getByte(i))) {
        return false;
      }
    }
    return true;
  }

  private static BadBodyException empty() {
    return new BadBodyException(400, "The body has no events: send one event object, an array of them, or one per"
        + " line.");
  }

  private static String kind(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Number) {
      return "a number";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    if (value instanceof JsonArray) {
      return "an array";
    }
    return "an object";
  }
}
