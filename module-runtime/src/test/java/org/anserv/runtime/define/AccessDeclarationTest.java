package org.anserv.runtime.define;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.anserv.api.Access;
import org.anserv.api.DefinitionException;
import org.anserv.api.Module;
import org.anserv.api.Param;
import org.anserv.api.Query;
import org.anserv.api.View;
import org.anserv.api.Html;
import org.anserv.runtime.access.EndpointAccess;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Access levels of views and queries: the defaults chosen, and the combinations refused at deploy time. */
class AccessDeclarationTest {

  @Module(name = "grades", description = "defaults")
  public static class Undeclared {
    @Query
    public long total() {
      return 0;
    }

    @Query
    public long course(@Param("course_id") String course) {
      return 0;
    }

    @Query
    public long mine(@Param("user") String user, @Param("course") String course) {
      return 0;
    }

    @View(access = Access.STUDENT)
    public Html card(@Param("username") String user) {
      return Html.of("");
    }
  }

  @Module(name = "leaky", description = "bad combinations")
  public static class Leaky {
    @Query(access = Access.PUBLIC)
    public long anyone(@Param("user") String user) {
      return 0;
    }

    @Query(access = Access.STUDENT)
    public long numeric(@Param("user_id") long id) {
      return 0;
    }

    @Query(access = Access.INSTRUCTOR)
    public long unscoped(@Param("student") String student) {
      return 0;
    }

    @Query(access = Access.STAFF)
    public long twice(@Param("user") String user, @Param("username") String username) {
      return 0;
    }
  }

  private static EndpointAccess access(ModuleDefinition module, MethodKind kind, String name) {
    return module.endpoint(kind, name).orElseThrow().access();
  }

  @Nested
  class Defaults {

    @Test
    void choosesInstructorForCourseOnlyMethodsAndStaffForTheRest() {
      ModuleDefinition module = ModuleInspector.inspect(Undeclared.class);
      assertThat(access(module, MethodKind.QUERY, "total"))
          .isEqualTo(new EndpointAccess(Access.STAFF, false, null, null));
      assertThat(access(module, MethodKind.QUERY, "course"))
          .isEqualTo(new EndpointAccess(Access.INSTRUCTOR, false, null, "course_id"));
      assertThat(access(module, MethodKind.QUERY, "mine"))
          .isEqualTo(new EndpointAccess(Access.STAFF, false, "user", "course"));
      assertThat(access(module, MethodKind.VIEW, "card"))
          .isEqualTo(new EndpointAccess(Access.STUDENT, true, "username", null));
    }

    @Test
    void showsTheAccessInTheSchema() {
      JsonObject card = ModuleInspector.inspect(Undeclared.class).endpoint(MethodKind.VIEW, "card").orElseThrow()
          .toJson();
      assertThat(card.getJsonObject("access")).isEqualTo(new JsonObject().put("level", "student")
          .put("declared", true).put("student", "username"));
    }
  }

  @Test
  void refusesLeakyOrUselessCombinationsNamingMethodAndFix() {
    assertThatThrownBy(() -> ModuleInspector.inspect(Leaky.class))
        .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
            "@Query method 'Leaky.anyone(String)' is Access.PUBLIC but takes the student parameter 'user': anyone"
                + " could read any student's data. Declare access = Access.STUDENT (each student sees their own) or"
                + " remove the parameter.",
            "@Query method 'Leaky.numeric(long)' is Access.STUDENT, so its student parameter 'user_id' is set to the"
                + " caller's username, but it is declared long: declare it String, or declare access = Access.STAFF.",
            "@Query method 'Leaky.unscoped(String)' is Access.INSTRUCTOR and takes the student parameter 'student'"
                + " but no course parameter: instructors are limited to their courses, so only staff could call it."
                + " Add @Param(\"course\") or declare access = Access.STAFF.",
            "@Query method 'Leaky.twice(String, String)' takes 2 student parameters [user, username]: the runtime"
                + " pins a student's own name into one, so declare exactly one."));
  }
}
