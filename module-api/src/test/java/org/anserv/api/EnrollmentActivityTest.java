package org.anserv.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.anserv.api.event.EnrollmentAction;
import org.anserv.api.event.EnrollmentActivity;
import org.junit.jupiter.api.Test;

class EnrollmentActivityTest {

  @Test
  void takesTheLearnerFromThePayloadNotTheAnonymousActor() {
    Event event = Fixtures.event("enrollment-activated");
    EnrollmentActivity enrollment = event.enrollment().orElseThrow();

    assertThat(event.username()).isEmpty();
    assertThat(event.userId()).isEmpty();
    assertThat(enrollment.action()).isEqualTo(EnrollmentAction.ACTIVATED);
    assertThat(enrollment.userId()).contains(17L);
    assertThat(enrollment.mode()).contains("audit");
    assertThat(enrollment.courseId()).contains("course-v1:AnservX+VID101+2026_T1");
  }

  @Test
  void readsEventtrackingModeChangeWithStringUserId() {
    EnrollmentActivity enrollment = Fixtures.event("enrollment-mode-changed").enrollment().orElseThrow();

    assertThat(enrollment.action()).isEqualTo(EnrollmentAction.MODE_CHANGED);
    assertThat(enrollment.userId()).contains(17L);
    assertThat(enrollment.username()).contains("ada");
    assertThat(enrollment.mode()).contains("verified");
  }
}
