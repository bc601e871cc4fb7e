package org.anserv.gateway.xapi;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * What a statement must have to be taken: what Ralph, the LRS event-routing-backends is tested against, requires
 * ({@code actor}, {@code verb.id}) and an {@code object}. Everything else is kept as sent.
 */
final class StatementShape {

  private StatementShape() {
  }

  /** What is missing from {@code statement}, as the end of a sentence; null when it is a statement. */
  static String problem(JsonObject statement) {
    if (!(statement.getValue("actor") instanceof JsonObject)) {
      return "has no actor object: every statement needs \"actor\"";
    }
    if (!(statement.getValue("verb") instanceof JsonObject verb) || !(verb.getValue("id") instanceof String)) {
      return "has no verb id: every statement needs \"verb\": {\"id\": \"<verb IRI>\"}";
    }
    if (!(statement.getValue("object") instanceof JsonObject)) {
      return "has no object: every statement needs \"object\"";
    }
    Object id = statement.getValue("id");
    if (id != null && !(id instanceof String s && !s.isBlank() && s.length() <= 128)) {
      return "has an id that is not a string of at most 128 characters (xAPI ids are UUIDs)";
    }
    return null;
  }

  /**
   * An id for a statement sent without one, derived from its content (a name-based UUID), so that a re-send is
   * recognised as the same statement.
   */
  static String contentId(JsonObject statement) {
    return UUID.nameUUIDFromBytes(statement.encode().getBytes(StandardCharsets.UTF_8)).toString();
  }
}
