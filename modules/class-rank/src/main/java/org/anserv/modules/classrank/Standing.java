package org.anserv.modules.classrank;

import io.vertx.core.json.JsonObject;

/**
 * One student's place in a course.
 *
 * @param user the username
 * @param course the course id
 * @param grade the course grade from 0 to 1, or null for a student the course does not know
 * @param rank 1 plus the number of students with more points (ties share a rank), or null
 * @param percentile the percentile rank from 0 to 100, or null
 * @param of how many students the course has
 */
record Standing(String user, String course, Double grade, Long rank, Double percentile, long of) {

  /**
   * The standing of a student holding {@code points} (millionths) of {@code possible} when {@code higher} students
   * hold more and {@code lower} fewer, out of {@code of}. The percentile counts those below and half of those level
   * (the student included), the usual percentile rank, so the best of many approaches 100 and a class of equals
   * all sit at 50.
   */
  static Standing of(String user, String course, long points, long possible, long higher, long lower, long of) {
    long level = of - higher - lower;
    return new Standing(user, course, round(Grades.grade(points, possible), 10_000), higher + 1,
        round(100.0 * (lower + 0.5 * level) / of, 10), of);
  }

  /** A student the course does not know. */
  static Standing unknown(String user, String course, long of) {
    return new Standing(user, course, null, null, null, of);
  }

  JsonObject json() {
    return new JsonObject().put("user", user).put("course", course).put("grade", grade).put("rank", rank)
        .put("percentile", percentile).put("of", of);
  }

  private static double round(double value, int scale) {
    return Math.round(value * scale) / (double) scale;
  }
}
