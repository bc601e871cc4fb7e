package org.anserv.api;

/**
 * Who may call a {@link View} or {@link Query} through the gateway. Levels are ordered: each admits the callers of
 * the ones after it. Whatever the level, the runtime narrows what a caller may ask for:
 * <ul>
 *   <li>a <b>student</b> always gets their own data: the method's student parameter ({@code user},
 *       {@code username}, {@code student}) is set to the caller's username, and a request naming anybody else,
 *       under any of those names, is refused;</li>
 *   <li>an <b>instructor</b> must name one of the courses they are granted in the method's course parameter
 *       ({@code course}, {@code course_id}); a method taking a student parameter but no course parameter is closed
 *       to instructors, since nothing would tie the student to their courses;</li>
 *   <li><b>staff</b> (operators) may call everything with any parameters.</li>
 * </ul>
 * Calls between modules ({@link Queries}) are not subject to access: modules trust one another.
 *
 * <pre>{@code
 * @View(description = "My progress", access = Access.STUDENT)
 * public Template mine(@Param("user") String user, Db db) { ... }
 *
 * @Query(description = "How many events arrived", access = Access.PUBLIC)
 * public Future<Long> total(Db db) { ... }
 * }</pre>
 */
public enum Access {

  /**
   * Chosen by the runtime, as strictly as the parameters allow: {@link #INSTRUCTOR} for a method that takes a
   * course parameter and no student parameter, {@link #STAFF} for everything else. Declare a level to open a method
   * wider.
   */
  DEFAULT,

  /**
   * Anyone, without logging in. Only for aggregate figures: a public method must not take a student parameter (the
   * module is not deployed otherwise).
   */
  PUBLIC,

  /**
   * Students (each pinned to their own data), instructors (for their courses) and staff. A method with a student
   * parameter lets each student see their own results; one without is an aggregate every logged-in person sees.
   */
  STUDENT,

  /** Instructors, for the courses they are granted, and staff. */
  INSTRUCTOR,

  /** Staff and operators only. */
  STAFF
}
