package org.anserv.demo.activity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.anserv.demo.world.Enrollment;

/**
 * How far one learner got in one course: the next unit in course order, and the state of every block they touched,
 * in the order they first touched it.
 */
public final class Progress {

  /** The course grade needed to pass. */
  public static final double PASSING_GRADE = 0.5;

  private final Enrollment enrollment;
  private final Map<String, ProblemState> problems = new LinkedHashMap<>();
  private final Map<String, VideoState> videos = new LinkedHashMap<>();
  private final Map<String, long[]> positions = new LinkedHashMap<>();
  private int nextUnit;

  Progress(Enrollment enrollment) {
    this.enrollment = enrollment;
  }

  /** The enrollment this is the progress of. */
  public Enrollment enrollment() {
    return enrollment;
  }

  /** Problem states by usage key. */
  public Map<String, ProblemState> problems() {
    return problems;
  }

  /** Video states by usage key. */
  public Map<String, VideoState> videos() {
    return videos;
  }

  /**
   * Sequence positions by sequential usage key: {@code {tab, created, modified}}, what edX keeps as
   * {@code {"position": tab}}.
   */
  public Map<String, long[]> positions() {
    return positions;
  }

  /** The 0-based index of the first unit not yet visited. */
  public int nextUnit() {
    return nextUnit;
  }

  /** Points earned across the course: the sum of the current problem grades. */
  public int points() {
    return problems.values().stream().mapToInt(ProblemState::grade).sum();
  }

  /** The course grade from 0 to 1: points earned over points possible. */
  public double grade() {
    int possible = enrollment.course().maxPoints();
    return possible == 0 ? 0 : (double) points() / possible;
  }

  /**
   * The certificate status at the end, as {@code certificates_generatedcertificate.status}: {@code downloadable} or
   * {@code notpassing} for honor and verified learners, {@code audit_passing} or {@code audit_notpassing} for
   * auditors; empty after unenrollment.
   */
  public Optional<String> certificateStatus() {
    if (!enrollment.activeAtEnd()) {
      return Optional.empty();
    }
    boolean passed = grade() >= PASSING_GRADE;
    if (enrollment.finalMode().equals("audit")) {
      return Optional.of(passed ? "audit_passing" : "audit_notpassing");
    }
    return Optional.of(passed ? "downloadable" : "notpassing");
  }

  void visited(int unit) {
    nextUnit = Math.max(nextUnit, unit + 1);
  }

  void position(String sequential, int tab, long micros) {
    long[] state = positions.computeIfAbsent(sequential, k -> new long[] {tab, micros, micros});
    state[0] = tab;
    state[2] = micros;
  }
}
