package org.anserv.gateway.intake;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** The events read from one request, and the parts of it that were not events, each with where and why. */
public final class ParsedEvents {

  private final List<JsonObject> events = new ArrayList<>();
  private final JsonArray rejected = new JsonArray();

  void accept(JsonObject event) {
    events.add(event);
  }

  void reject(String where, String why) {
    rejected.add(new JsonObject().put("at", where).put("error", why));
  }

  /** The events, in request order. */
  public List<JsonObject> events() {
    return events;
  }

  /** What was refused: {@code [{"at": "line 3", "error": "..."}]}. */
  public JsonArray rejected() {
    return rejected;
  }
}
