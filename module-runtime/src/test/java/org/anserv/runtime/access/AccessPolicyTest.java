package org.anserv.runtime.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.anserv.api.Access;
import org.junit.jupiter.api.Test;

/** The decisions of the access policy, one caller and one method at a time. */
class AccessPolicyTest {

  private static final EndpointAccess STUDENT_COURSE = new EndpointAccess(Access.STUDENT, true, "user", "course");
  private static final Caller ANN = new Caller("ann", Role.STUDENT, Set.of());
  private static final Caller PROF = new Caller("prof", Role.INSTRUCTOR, Set.of("c1"));

  @Test
  void pinsTheStudentsNameIntoTheirCall() {
    AccessPolicy.Decision decision = AccessPolicy.decide(ANN, STUDENT_COURSE, Map.of("course", "c9"), "q");
    assertThat(decision.allowed()).isTrue();
    assertThat(decision.params()).containsEntry("user", "ann").containsEntry("course", "c9");
  }

  @Test
  void refusesAnotherStudentUnderAnyAlias() {
    for (String name : new String[] {"user", "User", "USERNAME", "student", "user-id", "userId", "user_name"}) {
      assertThat(AccessPolicy.decide(ANN, STUDENT_COURSE, Map.of(name, "bob"), "q").status()).as(name).isEqualTo(403);
    }
  }

  @Test
  void holdsInstructorsToTheirCourses() {
    assertThat(AccessPolicy.decide(PROF, STUDENT_COURSE, Map.of("course", "c1", "user", "bob"), "q").allowed())
        .isTrue();
    assertThat(AccessPolicy.decide(PROF, STUDENT_COURSE, Map.of("course", "c2"), "q").status()).isEqualTo(403);
    assertThat(AccessPolicy.decide(PROF, STUDENT_COURSE, Map.of(), "q").status()).isEqualTo(403);
    assertThat(AccessPolicy.decide(PROF, STUDENT_COURSE, Map.of("course", "c1", "Course_Id", "c2"), "q").status())
        .isEqualTo(403);
    assertThat(AccessPolicy.decide(PROF, new EndpointAccess(Access.STUDENT, true, "user", null),
        Map.of("user", "bob"), "q").status()).isEqualTo(403);
  }

  @Test
  void asksAnonymousCallersToLogInAndTellsOthersTheirRole() {
    EndpointAccess staff = new EndpointAccess(Access.STAFF, false, null, null);
    assertThat(AccessPolicy.decide(Caller.ANONYMOUS, staff, Map.of(), "Query 'm/q'").message())
        .isEqualTo("Query 'm/q' is not public: log in on the dashboard (/login) or send a token (Authorization:"
            + " Bearer ...).");
    assertThat(AccessPolicy.decide(ANN, staff, Map.of(), "Query 'm/q'").message())
        .isEqualTo("Query 'm/q' is for staff only; you are logged in as student 'ann'.");
    assertThat(AccessPolicy.decide(Caller.staff("ops"), staff, Map.of("user", "x"), "q").allowed()).isTrue();
  }
}
