package org.anserv.runtime.define;

import java.util.List;
import org.anserv.api.Access;
import org.anserv.runtime.access.EndpointAccess;

/**
 * Resolves the access of a view or query from its declaration and parameters, and reports combinations that would
 * leak data or that nobody could use.
 */
final class AccessRules {

  private AccessRules() {
  }

  /** The access of the method {@code where} describes; problems go to {@code problems}. */
  static EndpointAccess resolve(Access declared, List<ParamSpec> params, String where, List<String> problems) {
    List<ParamSpec> students = params.stream().filter(p -> EndpointAccess.namesStudent(p.name())).toList();
    List<ParamSpec> courses = params.stream().filter(p -> EndpointAccess.namesCourse(p.name())).toList();
    if (students.size() > 1) {
      problems.add(where + " takes " + students.size() + " student parameters " + names(students) + ": the runtime"
          + " pins a student's own name into one, so declare exactly one.");
    }
    if (courses.size() > 1) {
      problems.add(where + " takes " + courses.size() + " course parameters " + names(courses) + ": instructors are"
          + " checked against one, so declare exactly one.");
    }
    ParamSpec student = students.isEmpty() ? null : students.getFirst();
    String course = courses.isEmpty() ? null : courses.getFirst().name();
    Access level = declared != Access.DEFAULT ? declared
        : course != null && student == null ? Access.INSTRUCTOR : Access.STAFF;
    check(level, student, course, where, problems);
    return new EndpointAccess(level, declared != Access.DEFAULT, student == null ? null : student.name(), course);
  }

  private static void check(Access level, ParamSpec student, String course, String where, List<String> problems) {
    if (student == null) {
      return;
    }
    if (level == Access.PUBLIC) {
      problems.add(where + " is Access.PUBLIC but takes the student parameter '" + student.name() + "': anyone"
          + " could read any student's data. Declare access = Access.STUDENT (each student sees their own) or"
          + " remove the parameter.");
    }
    if (level == Access.STUDENT && student.type() != String.class) {
      problems.add(where + " is Access.STUDENT, so its student parameter '" + student.name() + "' is set to the"
          + " caller's username, but it is declared " + student.type().getSimpleName() + ": declare it String,"
          + " or declare access = Access.STAFF.");
    }
    if (level == Access.INSTRUCTOR && course == null) {
      problems.add(where + " is Access.INSTRUCTOR and takes the student parameter '" + student.name() + "' but no"
          + " course parameter: instructors are limited to their courses, so only staff could call it. Add"
          + " @Param(\"course\") or declare access = Access.STAFF.");
    }
  }

  private static List<String> names(List<ParamSpec> params) {
    return params.stream().map(ParamSpec::name).toList();
  }
}
