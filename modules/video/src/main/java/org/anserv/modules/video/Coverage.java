package org.anserv.modules.video;

import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole seconds of a video one viewer has watched, as sorted, disjoint, non-adjacent half-open intervals
 * {@code [from, to)}: second {@code s} is the stretch {@code [s, s+1)} of the video. Watching a second again adds
 * nothing, which is what makes "viewers per second" count viewers rather than replays.
 */
final class Coverage {

  /** One stretch of whole seconds, {@code from} included, {@code to} excluded. */
  record Span(int from, int to) {

    int length() {
      return to - from;
    }
  }

  private final List<Span> spans;

  private Coverage(List<Span> spans) {
    this.spans = spans;
  }

  /** Nothing watched. */
  static Coverage empty() {
    return new Coverage(new ArrayList<>());
  }

  /** The coverage stored as {@code [[from, to], ...]}. */
  static Coverage of(JsonArray stored) {
    List<Span> spans = new ArrayList<>();
    if (stored != null) {
      for (int i = 0; i < stored.size(); i++) {
        JsonArray span = stored.getJsonArray(i);
        spans.add(new Span(span.getInteger(0), span.getInteger(1)));
      }
    }
    return new Coverage(spans);
  }

  /**
   * Adds the seconds {@code [from, to)} and returns the spans among them not watched before, in order; nothing when
   * {@code to <= from}.
   */
  List<Span> add(int from, int to) {
    List<Span> fresh = new ArrayList<>();
    if (to <= from) {
      return fresh;
    }
    int cursor = from;
    int mergedFrom = from;
    int mergedTo = to;
    List<Span> kept = new ArrayList<>(spans.size() + 1);
    for (Span span : spans) {
      if (span.to() < from || span.from() > to) {
        kept.add(span);
        continue;
      }
      if (span.from() > cursor) {
        fresh.add(new Span(cursor, Math.min(span.from(), to)));
      }
      cursor = Math.max(cursor, span.to());
      mergedFrom = Math.min(mergedFrom, span.from());
      mergedTo = Math.max(mergedTo, span.to());
    }
    if (cursor < to) {
      fresh.add(new Span(cursor, to));
    }
    kept.add(new Span(mergedFrom, mergedTo));
    kept.sort((a, b) -> Integer.compare(a.from(), b.from()));
    spans.clear();
    spans.addAll(kept);
    return fresh;
  }

  /** How many distinct seconds were watched. */
  int seconds() {
    return spans.stream().mapToInt(Span::length).sum();
  }

  /** The coverage as stored: {@code [[from, to], ...]}. */
  JsonArray toJson() {
    JsonArray stored = new JsonArray();
    spans.forEach(span -> stored.add(new JsonArray().add(span.from()).add(span.to())));
    return stored;
  }
}
