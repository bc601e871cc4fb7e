package org.anserv.runtime.access;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is calling a view or query through the gateway, as the gateway established it (login session or token).
 *
 * @param name the username; empty for anonymous callers
 * @param role what the caller may see
 * @param courses the courses an instructor is granted (a student's, when known); empty otherwise
 */
public record Caller(String name, Role role, Set<String> courses) {

  /** Nobody logged in. */
  public static final Caller ANONYMOUS = new Caller("", Role.ANONYMOUS, Set.of());

  public Caller {
    name = name == null ? "" : name;
    courses = Set.copyOf(courses);
  }

  /** A staff caller named {@code name}, who may see everything. */
  public static Caller staff(String name) {
    return new Caller(name, Role.STAFF, Set.of());
  }

  /** The caller as carried in a call request. */
  public JsonObject toJson() {
    return new JsonObject().put("name", name).put("role", role.label())
        .put("courses", new JsonArray(new TreeSet<>(courses).stream().toList()));
  }

  /** The caller a call request carries; an unreadable one is anonymous. */
  public static Caller fromJson(JsonObject json) {
    try {
      String role = json.getString("role", "anonymous");
      Set<String> courses = new TreeSet<>();
      json.getJsonArray("courses", new JsonArray()).forEach(c -> courses.add(String.valueOf(c)));
      return "anonymous".equals(role) ? ANONYMOUS : new Caller(json.getString("name", ""), Role.of(role), courses);
    } catch (RuntimeException e) {
      return ANONYMOUS;
    }
  }
}
