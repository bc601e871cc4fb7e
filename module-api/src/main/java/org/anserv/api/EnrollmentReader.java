package org.anserv.api;

import java.util.Optional;
import org.anserv.api.event.EnrollmentAction;
import org.anserv.api.event.EnrollmentActivity;

/** Reads {@link EnrollmentActivity}: the learner and course from the payload, which is authoritative for these. */
final class EnrollmentReader {

  private EnrollmentReader() {
  }

  static Optional<EnrollmentActivity> read(Event event) {
    Optional<EnrollmentAction> action =
        EnrollmentAction.ofName(event.type()).or(() -> EnrollmentAction.ofName(event.nameOrNull()));
    if (action.isEmpty()) {
      return Optional.empty();
    }
    Lenient payload = event.decodedPayload().fields();
    return Optional.of(new EnrollmentActivity(
        action.get(),
        payload.integer("user_id"),
        payload.text("username"),
        payload.text("course_id").or(event::courseId),
        payload.text("mode")));
  }
}
