package org.anserv.modules.problems;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A naive recount of the raw demo events, for the figures the generator's truth does not hold: who worked on each
 * problem, who solved it at which attempt, who showed its answer. Reads the JSON directly, not through the module or
 * the event API.
 */
final class Recount {

  private final Map<String, Problem> problems = new HashMap<>();

  /** What happened to one problem of one course. */
  static final class Problem {
    private final Set<String> learners = new HashSet<>();
    private final Map<String, Integer> solvedAt = new HashMap<>();
    private final Set<String> showed = new HashSet<>();

    long learners() {
      return learners.size();
    }

    long solved() {
      return solvedAt.size();
    }

    long attemptsToCorrect() {
      return solvedAt.values().stream().mapToLong(Integer::longValue).sum();
    }

    Double meanAttemptsToCorrect() {
      return solvedAt.isEmpty() ? null : round((double) attemptsToCorrect() / solvedAt.size());
    }

    long showed() {
      return showed.size();
    }

    Double showAnswerRate() {
      return learners.isEmpty() ? null : round((double) showed.size() / learners.size());
    }
  }

  static Recount of(List<JsonObject> events) {
    Recount recount = new Recount();
    for (JsonObject event : events) {
      if (!"server".equals(event.getString("event_source"))) {
        continue;
      }
      String type = event.getString("event_type");
      if (!"problem_check".equals(type) && !"showanswer".equals(type)) {
        continue;
      }
      JsonObject payload = event.getJsonObject("event");
      String course = event.getJsonObject("context").getString("course_id");
      String user = event.getString("username");
      Problem problem = recount.problems.computeIfAbsent(course + " " + payload.getString("problem_id"),
          k -> new Problem());
      problem.learners.add(user);
      if ("showanswer".equals(type)) {
        problem.showed.add(user);
      } else if ("correct".equals(payload.getString("success"))) {
        problem.solvedAt.putIfAbsent(user, payload.getInteger("attempts"));
      }
    }
    return recount;
  }

  Problem problem(String course, String problem) {
    return problems.getOrDefault(course + " " + problem, new Problem());
  }

  boolean anyShown() {
    return problems.values().stream().anyMatch(p -> !p.showed.isEmpty());
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }
}
