package org.anserv.api.event;

import java.util.Optional;

/** What an {@code edx.course.enrollment.*} event reports. These events never had legacy names. */
public enum EnrollmentAction {

  /** The learner was enrolled (or re-enrolled): {@code edx.course.enrollment.activated}. */
  ACTIVATED,
  /** The learner was unenrolled: {@code edx.course.enrollment.deactivated}. */
  DEACTIVATED,
  /** The enrollment's mode changed, e.g. audit to verified: {@code edx.course.enrollment.mode_changed}. */
  MODE_CHANGED,
  /** Another enrollment event, e.g. {@code edx.course.enrollment.upgrade.clicked}. */
  OTHER;

  /** The action an event named {@code name} reports; empty when it is not an enrollment event. */
  public static Optional<EnrollmentAction> ofName(String name) {
    if (name == null || !name.startsWith("edx.course.enrollment.")) {
      return Optional.empty();
    }
    return Optional.of(switch (name) {
      case "edx.course.enrollment.activated" -> ACTIVATED;
      case "edx.course.enrollment.deactivated" -> DEACTIVATED;
      case "edx.course.enrollment.mode_changed" -> MODE_CHANGED;
      default -> OTHER;
    });
  }
}
