package org.anserv.runtime.access;

import java.util.HashMap;
import java.util.Map;
import org.anserv.api.Access;

/**
 * Decides whether a caller may call a view or query with the parameters given, and pins a student's own username
 * into the call. Every parameter is examined under its normalised name, so case variants and aliases
 * ({@code User}, {@code student}, {@code user-id}) cannot smuggle in another student or course.
 */
public final class AccessPolicy {

  private AccessPolicy() {
  }

  /**
   * The outcome of a decision.
   *
   * @param status 0 when allowed, else the HTTP status of the refusal (401 not logged in, 403 not allowed)
   * @param message why it was refused, and what to do; empty when allowed
   * @param params the parameters to call with (the student pinned), when allowed
   */
  public record Decision(int status, String message, Map<String, String> params) {

    /** Whether the call may go ahead. */
    public boolean allowed() {
      return status == 0;
    }

    static Decision allow(Map<String, String> params) {
      return new Decision(0, "", params);
    }

    static Decision refuse(int status, String message) {
      return new Decision(status, message, Map.of());
    }
  }

  /** Whether {@code caller} may open {@code access}'s method at all, for some parameters (the dashboard's menu). */
  public static boolean mayOpen(Caller caller, EndpointAccess access) {
    if (!caller.role().reaches(access.level())) {
      return false;
    }
    if (caller.role() == Role.INSTRUCTOR && access.level() != Access.PUBLIC) {
      return access.courseParam() != null || access.studentParam() == null;
    }
    return true;
  }

  /** Decides the call of {@code target} (for messages) by {@code caller} with {@code params}. */
  public static Decision decide(Caller caller, EndpointAccess access, Map<String, String> params, String target) {
    if (!caller.role().reaches(access.level())) {
      return caller.role() == Role.ANONYMOUS
          ? Decision.refuse(401, target + " is not public: log in on the dashboard (/login) or send a token"
              + " (Authorization: Bearer ...).")
          : Decision.refuse(403, target + " is for " + (access.level() == Access.INSTRUCTOR ? "instructors and staff"
              : "staff") + " only; you are logged in as " + caller.role().label() + " '" + caller.name() + "'.");
    }
    return switch (caller.role()) {
      case STAFF, ANONYMOUS -> Decision.allow(params);
      case STUDENT -> student(caller, access, params, target);
      case INSTRUCTOR -> access.level() == Access.PUBLIC ? Decision.allow(params)
          : instructor(caller, access, params, target);
    };
  }

  private static Decision student(Caller caller, EndpointAccess access, Map<String, String> params, String target) {
    for (Map.Entry<String, String> param : params.entrySet()) {
      if (EndpointAccess.namesStudent(param.getKey()) && !caller.name().equals(param.getValue())) {
        return Decision.refuse(403, "Students see only their own data: parameter '" + param.getKey() + "' names"
            + " someone other than you ('" + caller.name() + "'). Leave it out; " + target + " shows yours.");
      }
      Decision course = grantedCourse(caller, param, target);
      if (course != null && !caller.courses().isEmpty()) {
        return course;
      }
    }
    Map<String, String> pinned = new HashMap<>(params);
    if (access.studentParam() != null) {
      pinned.put(access.studentParam(), caller.name());
    }
    return Decision.allow(pinned);
  }

  private static Decision instructor(Caller caller, EndpointAccess access, Map<String, String> params,
      String target) {
    if (access.studentParam() != null && access.courseParam() == null) {
      return Decision.refuse(403, target + " shows one student across all courses; instructors see students"
          + " only through views and queries that take a course.");
    }
    if (access.courseParam() != null && params.getOrDefault(access.courseParam(), "").isEmpty()) {
      return Decision.refuse(403, target + " needs parameter '" + access.courseParam() + "' set to one of your"
          + " courses: " + caller.courses() + ".");
    }
    for (Map.Entry<String, String> param : params.entrySet()) {
      Decision course = grantedCourse(caller, param, target);
      if (course != null) {
        return course;
      }
    }
    return Decision.allow(params);
  }

  /** A refusal when {@code param} names a course the caller is not granted, else {@code null}. */
  private static Decision grantedCourse(Caller caller, Map.Entry<String, String> param, String target) {
    if (EndpointAccess.namesCourse(param.getKey()) && !caller.courses().contains(param.getValue())) {
      return Decision.refuse(403, "Parameter '" + param.getKey() + "' names course '" + param.getValue() + "',"
          + " which is not one of yours: " + caller.courses() + ". " + target + " is shown for your courses only.");
    }
    return null;
  }
}
