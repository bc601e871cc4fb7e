package org.anserv.demo.activity;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the simulation knows it did, counted as it does it, independently of how events are written: the raw
 * material of the true figures. Sorted maps keep every report in one order.
 */
public final class Tally {

  private final Map<String, Long> eventsByUser = new TreeMap<>();
  private final Map<Integer, Long> lastSeen = new TreeMap<>();
  private final Map<String, CourseTally> courses = new TreeMap<>();
  private long events;

  /** Counts one event by {@code visit}'s learner in its course at {@code micros}. */
  void event(Visit visit, long micros) {
    events++;
    eventsByUser.merge(visit.learner().username(), 1L, Long::sum);
    lastSeen.merge(visit.learner().id(), micros, Math::max);
    CourseTally course = course(visit.course().id());
    course.events++;
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(Math.floorDiv(micros, 1_000_000L), 86_400L));
    course.activeByDay.computeIfAbsent(day, d -> new TreeSet<>()).add(visit.learner().id());
  }

  /** Counts a play event of video {@code usageKey}. */
  void play(Visit visit, String usageKey) {
    CourseTally course = course(visit.course().id());
    course.plays.merge(usageKey, 1L, Long::sum);
    course.viewers.computeIfAbsent(usageKey, k -> new TreeSet<>()).add(visit.learner().id());
  }

  /** Counts a server {@code problem_check} of problem {@code usageKey}, its attempt number and outcome. */
  void check(Visit visit, String usageKey, int attempt, boolean correct) {
    ProblemTally problem = course(visit.course().id()).problems.computeIfAbsent(usageKey, k -> new ProblemTally());
    problem.checks++;
    if (attempt == 1) {
      problem.firstAttempts++;
      if (correct) {
        problem.firstCorrect++;
      }
    }
  }

  /** Every event counted. */
  public long events() {
    return events;
  }

  /** Events per username. */
  public Map<String, Long> eventsByUser() {
    return eventsByUser;
  }

  /** The time (microseconds) of each learner's last event, by learner id. */
  public Map<Integer, Long> lastSeen() {
    return lastSeen;
  }

  /** The counts of course {@code courseId} (empty counts when nothing happened in it). */
  public CourseTally course(String courseId) {
    return courses.computeIfAbsent(courseId, id -> new CourseTally());
  }

  /** Counts of one course. */
  public static final class CourseTally {

    private long events;
    private final Map<LocalDate, Set<Integer>> activeByDay = new TreeMap<>();
    private final Map<String, Long> plays = new TreeMap<>();
    private final Map<String, Set<Integer>> viewers = new TreeMap<>();
    private final Map<String, ProblemTally> problems = new TreeMap<>();

    /** Events in the course. */
    public long events() {
      return events;
    }

    /** Distinct learner ids active per UTC day. */
    public Map<LocalDate, Set<Integer>> activeByDay() {
      return activeByDay;
    }

    /** Play events per video usage key. */
    public Map<String, Long> plays() {
      return plays;
    }

    /** Distinct learner ids with a play event per video usage key. */
    public Map<String, Set<Integer>> viewers() {
      return viewers;
    }

    /** Check counts per problem usage key. */
    public Map<String, ProblemTally> problems() {
      return problems;
    }
  }

  /** Check counts of one problem. */
  public static final class ProblemTally {

    private long checks;
    private long firstAttempts;
    private long firstCorrect;

    /** Server checks. */
    public long checks() {
      return checks;
    }

    /** Checks that were a learner's first attempt. */
    public long firstAttempts() {
      return firstAttempts;
    }

    /** First attempts that were entirely correct. */
    public long firstCorrect() {
      return firstCorrect;
    }
  }
}
