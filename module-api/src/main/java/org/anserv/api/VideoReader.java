package org.anserv.api;

import java.util.Optional;
import org.anserv.api.event.UsageKey;
import org.anserv.api.event.VideoAction;
import org.anserv.api.event.VideoActivity;

/** Reads {@link VideoActivity} from an event: camelCase and snake_case payload keys, browser, server and mobile. */
final class VideoReader {

  private VideoReader() {
  }

  static Optional<VideoActivity> read(Event event) {
    Optional<VideoAction> action = VideoAction.ofName(event.type()).or(() -> VideoAction.ofName(event.nameOrNull()));
    if (action.isEmpty()) {
      return Optional.empty();
    }
    Lenient payload = event.decodedPayload().fields();
    Optional<String> id = payload.text("id", "module_id")
        .or(() -> event.usageKey().filter(key -> UsageKey.parse(key).filter(k -> k.blockType().equals("video"))
            .isPresent()));
    return Optional.of(new VideoActivity(
        action.get(),
        id,
        payload.text("code"),
        payload.number("currentTime", "current_time"),
        payload.number("speed"),
        payload.number("old_speed"),
        payload.number("new_speed"),
        payload.number("old_time"),
        payload.number("new_time"),
        payload.text("type", "seek_type"),
        payload.number("duration")));
  }
}
