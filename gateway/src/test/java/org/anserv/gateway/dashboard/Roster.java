package org.anserv.gateway.dashboard;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.anserv.api.Html;
import org.anserv.api.Module;
import org.anserv.api.Param;
import org.anserv.api.Query;
import org.anserv.api.View;

/** Offers the students and courses pick lists and a student+course view with parameters of every type. */
@Module(name = "roster", description = "Students and courses, and one student's progress")
public class Roster {

  @Query(description = "Every student")
  public JsonArray students() {
    return new JsonArray().add(new JsonObject().put("id", "ann").put("label", "Ann Lee"))
        .add(new JsonObject().put("id", "bob"));
  }

  @Query(description = "Every course")
  public JsonArray courses() {
    return new JsonArray().add("course-v1:Org+A+1").add("course-v1:Org+B+1");
  }

  @View(description = "One student's progress in one course")
  public Html progress(@Param(value = "user", description = "The student") String user,
      @Param("course") String course,
      @Param(value = "weeks", defaultValue = "4", description = "Weeks to show") int weeks,
      @Param(value = "share", defaultValue = "0.5") double share,
      @Param(value = "detailed", defaultValue = "false") boolean detailed) {
    return Html.of("<h2 class=\"progress\">" + Html.escape(user) + " in " + Html.escape(course) + "</h2><p>" + weeks
        + " weeks, share " + share + ", detailed " + detailed + "</p>");
  }
}
