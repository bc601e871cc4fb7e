package org.anserv.runtime.route;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable event ids: the producer's own id when it sends one (an {@code id} string, as xAPI statements carry), else
 * the first 16 bytes of the SHA-256 of the event's JSON encoding, so a retried or duplicated event gets the same id.
 */
public final class EventIds {

  private static final int MAX_CLIENT_ID = 128;

  private EventIds() {
  }

  /** The id of {@code event}. */
  public static String of(JsonObject event) {
    Object id = event.getValue("id");
    if (id instanceof String s && !s.isBlank() && s.length() <= MAX_CLIENT_ID) {
      return s;
    }
    return contentId(event.encode());
  }

  /** The content-derived id of an encoded event: 32 hex digits. */
  public static String contentId(String encoded) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(encoded.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
