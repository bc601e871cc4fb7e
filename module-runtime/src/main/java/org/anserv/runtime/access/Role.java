package org.anserv.runtime.access;

import java.util.Locale;
import org.anserv.api.Access;

/** What a caller is, from least to most trusted. */
public enum Role {
  /** Nobody logged in: public views and queries only. */
  ANONYMOUS,
  /** A learner: their own data, and aggregates modules open to students. */
  STUDENT,
  /** A course team member: the courses they are granted. */
  INSTRUCTOR,
  /** Operators and staff: everything. */
  STAFF;

  /** Whether this role reaches methods declared at {@code level} (already resolved, never DEFAULT). */
  public boolean reaches(Access level) {
    return switch (level) {
      case PUBLIC -> true;
      case STUDENT -> this != ANONYMOUS;
      case INSTRUCTOR -> this == INSTRUCTOR || this == STAFF;
      case STAFF, DEFAULT -> this == STAFF;
    };
  }

  /** The lowercase name used in configuration and JSON. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The role called {@code label} in configuration ({@code operator} is staff).
   *
   * @throws IllegalArgumentException naming the accepted roles
   */
  public static Role of(String label) {
    String name = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
    return switch (name) {
      case "staff", "operator", "admin" -> STAFF;
      case "instructor" -> INSTRUCTOR;
      case "student" -> STUDENT;
      default -> throw new IllegalArgumentException("Unknown role \"" + label + "\": use staff (or operator),"
          + " instructor or student.");
    };
  }
}
