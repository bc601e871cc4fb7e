package org.anserv.runtime.route;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.anserv.runtime.log.EventId;

/**
 * Stable event ids, 16 bytes: derived from the producer's own id when it sends one (an {@code id} string, as xAPI
 * statements carry), else from the event's JSON encoding, so a retried or duplicated event gets the same id and the
 * log stores it once.
 */
public final class EventIds {

  private static final int MAX_CLIENT_ID = 128;

  private EventIds() {
  }

  /** The id of {@code event}. */
  public static EventId of(JsonObject event) {
    Object id = event.getValue("id");
    if (id instanceof String s && !s.isBlank() && s.length() <= MAX_CLIENT_ID) {
      return digest("id:" + s);
    }
    return digest(event.encode());
  }

  /** The id derived from {@code text}: the first 16 bytes of its SHA-256. */
  public static EventId digest(String text) {
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return EventId.of(java.util.Arrays.copyOf(sha, EventId.BYTES));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The id written as 32 hex digits, as {@link org.anserv.api.Event#id()} shows it. */
  public static EventId parse(String hex) {
    if (hex.length() != 32) {
      throw new IllegalArgumentException("An event id is 32 hex digits, got \"" + hex + "\"");
    }
    return new EventId(HexFormat.fromHexDigitsToLong(hex, 0, 16), HexFormat.fromHexDigitsToLong(hex, 16, 32));
  }
}
