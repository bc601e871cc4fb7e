package org.anserv.modules.classrank;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The grades of one course.
 *
 * @param course the course id
 * @param students how many students it has
 * @param pointsPossible the sum of the maximum grades of its problems, in points
 * @param meanGrade the mean grade rounded to 4 decimals, or null without students
 * @param buckets ten counts: grades in [i/10, (i+1)/10), the last including 1
 */
record Distribution(String course, long students, double pointsPossible, Double meanGrade, long[] buckets) {

  JsonObject json() {
    JsonArray distribution = new JsonArray();
    for (long bucket : buckets) {
      distribution.add(bucket);
    }
    return new JsonObject().put("course", course).put("students", students).put("points_possible", pointsPossible)
        .put("mean_grade", meanGrade).put("grade_distribution", distribution);
  }
}
