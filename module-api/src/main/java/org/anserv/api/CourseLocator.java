package org.anserv.api;

import java.util.Optional;
import org.anserv.api.event.UsageKey;

/**
 * Finds the course an event is about in a URL or path when {@code context.course_id} is empty: browser events fired
 * inside the {@code /xblock/} iframe and anonymous page views still name it in {@code /courses/<key>/...} or in a
 * {@code block-v1:} usage key.
 */
final class CourseLocator {

  private static final String COURSES = "/courses/";

  private CourseLocator() {
  }

  /** The course key named in {@code text}, or empty. */
  static Optional<String> find(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    int courses = text.indexOf(COURSES);
    if (courses >= 0) {
      Optional<String> found = fromCoursesPath(token(text, courses + COURSES.length()));
      if (found.isPresent()) {
        return found;
      }
    }
    return fromUsageKey(text);
  }

  private static Optional<String> fromCoursesPath(String path) {
    String[] segments = path.split("/", -1);
    String first = segments[0];
    if ((first.startsWith("course-v1:") || first.startsWith("ccx-v1:")) && first.indexOf('+') > 0) {
      return Optional.of(first);
    }
    if (segments.length >= 3 && !first.isEmpty() && !segments[1].isEmpty() && !segments[2].isEmpty()
        && first.indexOf(':') < 0) {
      return Optional.of(first + "/" + segments[1] + "/" + segments[2]);
    }
    return Optional.empty();
  }

  private static Optional<String> fromUsageKey(String text) {
    int at = text.indexOf("block-v1:");
    if (at < 0) {
      return Optional.empty();
    }
    int start = at >= 4 && text.startsWith("ccx-", at - 4) ? at - 4 : at;
    return UsageKey.parse(token(text, start)).flatMap(UsageKey::courseId);
  }

  // A key ends where the URL's path segment, query or quoting ends.
  private static String token(String text, int start) {
    int end = start;
    while (end < text.length() && "?#&\"' \t\n".indexOf(text.charAt(end)) < 0) {
      end++;
    }
    return text.substring(start, end);
  }
}
