package org.anserv.api;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The team's hand-written event fixtures under {@code src/test/resources/events}. */
public final class Fixtures {

  private Fixtures() {
  }

  /** The fixture {@code events/<name>.json} as an event. */
  public static Event event(String name) {
    return Event.of(json(name));
  }

  /** The fixture {@code events/<name>.json} as raw JSON. */
  public static JsonObject json(String name) {
    String path = "/events/" + name + ".json";
    try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("No fixture " + path);
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
