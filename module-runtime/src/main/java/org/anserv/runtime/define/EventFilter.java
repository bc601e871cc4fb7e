package org.anserv.runtime.define;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.anserv.api.Event;
import org.anserv.api.EventHandler;
import org.anserv.api.Source;
import org.anserv.api.event.EventKind;

/**
 * Which events a handler receives, compiled from its {@link EventHandler} attributes once at deploy time.
 *
 * @param exactTypes event types matched exactly
 * @param typePrefixes event type prefixes ({@code *} stripped)
 * @param sources accepted sources; empty for all
 * @param courses accepted course ids; empty for all
 * @param kinds accepted kinds; empty for all
 */
public record EventFilter(Set<String> exactTypes, List<String> typePrefixes, Set<Source> sources, Set<String> courses,
    Set<EventKind> kinds) {

  /** Compiles the filter of {@code handler}; entries are assumed valid (see {@link #problems}). */
  public static EventFilter of(EventHandler handler) {
    Set<String> exact = new java.util.HashSet<>();
    List<String> prefixes = new ArrayList<>();
    for (String type : handler.types()) {
      if (isPrefix(type)) {
        prefixes.add(type.endsWith("*") ? type.substring(0, type.length() - 1) : type);
      } else {
        exact.add(type);
      }
    }
    Set<Source> sources = handler.sources().length == 0 ? Set.of() : EnumSet.copyOf(List.of(handler.sources()));
    Set<EventKind> kinds = handler.kinds().length == 0 ? Set.of()
        : EnumSet.copyOf(List.of(handler.kinds()));
    return new EventFilter(Set.copyOf(exact), List.copyOf(prefixes), sources, Set.of(handler.courses()), kinds);
  }

  /** What is wrong with the attributes of {@code handler}, each as the end of a sentence; empty when nothing. */
  public static List<String> problems(EventHandler handler) {
    List<String> problems = new ArrayList<>();
    for (String type : handler.types()) {
      if (type.isBlank() || type.strip().length() != type.length()) {
        problems.add("has an event type \"" + type + "\" that is blank or has surrounding spaces: remove it or write"
            + " the type exactly, e.g. \"play_video\" or the prefix \"edx.video.\"");
      } else if (type.indexOf('*') >= 0 && type.indexOf('*') != type.length() - 1) {
        problems.add("has an event type \"" + type + "\" with '*' before its end: '*' is only allowed last, as in"
            + " \"edx.video.*\"");
      }
    }
    if (handler.kinds().length > 0 && handler.types().length > 0) {
      problems.add("has both types and kinds, which must both match: keep kinds (they match tracking events and xAPI"
          + " statements alike, e.g. kinds = EventKind.VIDEO_PLAYED) or keep types, not both");
    }
    if (List.of(handler.kinds()).contains(EventKind.OTHER)) {
      problems.add("has the kind OTHER, which is what no kind names and changes as kinds are added: subscribe with"
          + " types (exact names or prefixes) for those events instead");
    }
    for (String course : handler.courses()) {
      if (course.isBlank()) {
        problems.add("has a blank course id: remove it or give a full id such as \"course-v1:Org+Course+Run\"");
      }
    }
    return problems;
  }

  /**
   * Whether {@code event} passes every attribute of the filter. Types match the legacy {@code event_type}, the
   * newer {@code name} or a statement's verb IRI, so {@code "edx.video.*"} also receives a {@code play_video} that carries that name.
   */
  public boolean matches(Event event) {
    return (matchesType(event.type()) || event.name().map(this::matchesType).orElse(false)
            || event.verb().map(this::matchesType).orElse(false))
        && (kinds.isEmpty() || kinds.contains(event.kind()))
        && (sources.isEmpty() || event.source().map(sources::contains).orElse(false))
        && (courses.isEmpty() || event.courseId().map(courses::contains).orElse(false));
  }

  private boolean matchesType(String type) {
    if (exactTypes.isEmpty() && typePrefixes.isEmpty()) {
      return true;
    }
    if (exactTypes.contains(type)) {
      return true;
    }
    for (String prefix : typePrefixes) {
      if (type.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** The filter as shown in the schema; {@code kinds} only when the handler names some. */
  public JsonObject toJson() {
    JsonArray types = new JsonArray();
    exactTypes.stream().sorted().forEach(types::add);
    typePrefixes.stream().sorted().forEach(p -> types.add(p + "*"));
    JsonArray sourceNames = new JsonArray();
    sources.stream().sorted().forEach(s -> sourceNames.add(s.wireName()));
    JsonArray courseIds = new JsonArray();
    courses.stream().sorted().forEach(courseIds::add);
    JsonObject json = new JsonObject().put("types", types).put("sources", sourceNames).put("courses", courseIds);
    if (!kinds.isEmpty()) {
      JsonArray kindNames = new JsonArray();
      kinds.stream().sorted().forEach(k -> kindNames.add(k.name()));
      json.put("kinds", kindNames);
    }
    return json;
  }

  private static boolean isPrefix(String type) {
    return type.endsWith("*") || type.endsWith(".") || type.endsWith("_");
  }
}
