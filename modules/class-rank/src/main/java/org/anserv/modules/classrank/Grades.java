package org.anserv.modules.classrank;

import java.util.List;

/** The arithmetic of course grades, from points held and points possible (both in millionths). */
final class Grades {

  private Grades() {
  }

  /** Points over possible points, 0 when nothing is possible yet. */
  static double grade(long points, long possible) {
    return possible <= 0 ? 0 : (double) points / possible;
  }

  /** The distribution of {@code points} (one entry per student) over {@code possible}. */
  static Distribution distribution(String course, List<Long> points, long possible) {
    long[] buckets = new long[10];
    double sum = 0;
    for (long held : points) {
      double grade = grade(held, possible);
      buckets[Math.min(9, (int) Math.floor(grade * 10))]++;
      sum += grade;
    }
    Double mean = points.isEmpty() ? null : Math.round(sum / points.size() * 10_000) / 10_000.0;
    return new Distribution(course, points.size(), possible / Score.SCALE, mean, buckets);
  }
}
