package org.anserv.api.event;

import java.util.Optional;

/**
 * A coarse classification of tracking events by what they are about, from their {@code event_type} or {@code name}.
 * Use it to route or count events without listing every name; use the typed accessors of
 * {@link org.anserv.api.Event} to read them.
 */
public enum EventFamily {

  /** Video player events: load, play, pause, seek, speed, stop, transcripts and captions. */
  VIDEO,
  /** Problem events: checks, grading, resets, shown answers, hints, saves. */
  PROBLEM,
  /** Moving through the course: sequence tabs, next and previous, the outline, links. */
  NAVIGATION,
  /** Enrollment changes: {@code edx.course.enrollment.*}. */
  ENROLLMENT,
  /** Grade calculations other than a single problem's: subsection and course grades, pass and fail. */
  GRADE,
  /** Block completion changes ({@code edx.completion.*}). */
  COMPLETION,
  /** Discussion forum events ({@code edx.forum.*}). */
  FORUM,
  /** PDF textbook events ({@code book}, {@code textbook.*}). */
  TEXTBOOK,
  /** Certificate events ({@code edx.certificate.*}). */
  CERTIFICATE,
  /** Implicit server events whose type is the requested URL path (page views and AJAX handlers). */
  REQUEST,
  /** Anything else, including events without a type. */
  OTHER;

  /**
   * The family of an event named {@code type} (its {@code event_type}) and {@code name} (its newer {@code name}, or
   * {@code null}); the first that is not {@link #OTHER} wins.
   */
  public static EventFamily of(String type, String name) {
    EventFamily family = ofName(type);
    return family == OTHER && name != null ? ofName(name) : family;
  }

  private static EventFamily ofName(String name) {
    if (name == null || name.isEmpty()) {
      return OTHER;
    }
    if (name.charAt(0) == '/') {
      return REQUEST;
    }
    if (VideoAction.ofName(name).isPresent()) {
      return VIDEO;
    }
    if (ProblemAction.ofName(name).isPresent()) {
      return PROBLEM;
    }
    if (NavigationAction.ofName(name).isPresent()) {
      return NAVIGATION;
    }
    if (EnrollmentAction.ofName(name).isPresent()) {
      return ENROLLMENT;
    }
    return byPrefix(name).orElse(OTHER);
  }

  private static Optional<EventFamily> byPrefix(String name) {
    if (name.startsWith("edx.grades.") || name.startsWith("edx.course.grade.")) {
      return Optional.of(GRADE);
    }
    if (name.startsWith("edx.completion.")) {
      return Optional.of(COMPLETION);
    }
    if (name.startsWith("edx.forum.")) {
      return Optional.of(FORUM);
    }
    if (name.equals("book") || name.startsWith("textbook.")) {
      return Optional.of(TEXTBOOK);
    }
    if (name.startsWith("edx.certificate.")) {
      return Optional.of(CERTIFICATE);
    }
    return Optional.empty();
  }
}
