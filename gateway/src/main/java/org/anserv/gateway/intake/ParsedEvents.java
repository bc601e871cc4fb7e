package org.anserv.gateway.intake;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The events read from one request, and the parts of it that were not events, each with where and why. */
public final class ParsedEvents {

  private final List<JsonObject> events = new ArrayList<>();
  private final JsonArray rejected = new JsonArray();
  private final Map<String, Integer> reasons = new TreeMap<>();

  void accept(JsonObject event) {
    events.add(event);
  }

  /** Refuses the part at {@code where}; {@code reason} is a short fixed code for metrics, {@code why} the message. */
  void reject(String where, String reason, String why) {
    rejected.add(new JsonObject().put("at", where).put("error", why));
    reasons.merge(reason, 1, Integer::sum);
  }

  /** The events, in request order. */
  public List<JsonObject> events() {
    return events;
  }

  /** How many parts were refused per reason code ({@code not_json}, {@code not_object}, {@code too_large}). */
  public Map<String, Integer> rejectedByReason() {
    return reasons;
  }

  /** What was refused: {@code [{"at": "line 3", "error": "..."}]}. */
  public JsonArray rejected() {
    return rejected;
  }
}
