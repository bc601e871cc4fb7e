package org.anserv.runtime.access;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Set;
import org.anserv.api.Access;

/**
 * The access of one view or query, resolved at deploy time.
 *
 * @param level who may call it (never {@link Access#DEFAULT})
 * @param declared whether the module declared the level, rather than the runtime choosing it
 * @param studentParam the parameter naming a student, or {@code null}
 * @param courseParam the parameter naming a course, or {@code null}
 */
public record EndpointAccess(Access level, boolean declared, String studentParam, String courseParam) {

  /** Parameter names (see {@link #normalized(String)}) that name a student. */
  public static final Set<String> STUDENT_NAMES = Set.of("user", "username", "student", "userid", "studentid",
      "learner", "email");
  /** Parameter names (see {@link #normalized(String)}) that name a course. */
  public static final Set<String> COURSE_NAMES = Set.of("course", "courseid", "coursekey", "courserun");

  /**
   * A parameter name as compared with the alias sets: lowercase letters and digits only, so {@code User_Name},
   * {@code user-name} and {@code username} are one name.
   */
  public static String normalized(String name) {
    StringBuilder out = new StringBuilder(name.length());
    name.toLowerCase(Locale.ROOT).codePoints().filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
    return out.toString();
  }

  /** Whether {@code name} names a student. */
  public static boolean namesStudent(String name) {
    return STUDENT_NAMES.contains(normalized(name));
  }

  /** Whether {@code name} names a course. */
  public static boolean namesCourse(String name) {
    return COURSE_NAMES.contains(normalized(name));
  }

  /** As shown in the schema. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("level", level.name().toLowerCase(Locale.ROOT)).put("declared", declared);
    if (studentParam != null) {
      json.put("student", studentParam);
    }
    if (courseParam != null) {
      json.put("course", courseParam);
    }
    return json;
  }

  /** Read back from the schema; a missing entry is the strictest access. */
  public static EndpointAccess fromJson(JsonObject json) {
    if (json == null) {
      return new EndpointAccess(Access.STAFF, false, null, null);
    }
    Access level;
    try {
      level = Access.valueOf(json.getString("level", "staff").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      level = Access.STAFF;
    }
    return new EndpointAccess(level == Access.DEFAULT ? Access.STAFF : level, json.getBoolean("declared", false),
        json.getString("student"), json.getString("course"));
  }
}
