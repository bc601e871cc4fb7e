package org.anserv.demo.world;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.anserv.demo.Dice;

/**
 * Plans every enrollment: the first course of each learner on their first day, sometimes a second or third course
 * later, modes, upgrades, unenrollments and the day each learner stops coming back.
 */
public final class EnrollmentFactory {

  private static final List<String> MODES = List.of("audit", "honor", "verified");

  private final long seed;
  private final int days;
  private final LocalDate start;

  /** A factory drawing from the world seed, for a period of {@code days} days from {@code start}. */
  public EnrollmentFactory(long seed, int days, LocalDate start) {
    this.seed = seed;
    this.days = days;
    this.start = start;
  }

  /** Every enrollment, ordered by learner, then course. */
  public List<Enrollment> enrollments(List<Learner> learners, List<Course> courses) {
    List<Enrollment> enrollments = new ArrayList<>();
    for (Learner learner : learners) {
      Dice dice = Dice.of(seed, 3, learner.id());
      boolean[] taken = new boolean[courses.size()];
      int count = 1 + (dice.chance(0.35) ? 1 : 0) + (dice.chance(0.1) ? 1 : 0);
      List<Course> chosen = new ArrayList<>();
      for (int i = 0; i < Math.min(count, courses.size()); i++) {
        Course course = popular(dice, courses, taken);
        taken[course.index()] = true;
        chosen.add(course);
      }
      int day = learner.firstDay();
      for (int i = 0; i < chosen.size(); i++) {
        int enrollDay = i == 0 ? day : day + dice.below(days - day);
        Instant at = i == 0 && dayOf(learner.dateJoined()) == day
            ? learner.dateJoined().plusSeconds(dice.between(60, 1800))
            : start.plusDays(enrollDay).atStartOfDay(ZoneOffset.UTC).toInstant()
                .plusSeconds(dice.between(6 * 3600, 20 * 3600)).plusNanos(dice.below(1_000_000) * 1000L);
        if (at.isBefore(learner.dateJoined())) {
          at = learner.dateJoined().plusSeconds(dice.between(60, 1800));
        }
        enrollments.add(plan(dice, learner, chosen.get(i), enrollDay, at));
      }
    }
    enrollments.sort((a, b) -> a.learner().id() != b.learner().id()
        ? Integer.compare(a.learner().id(), b.learner().id())
        : Integer.compare(a.course().index(), b.course().index()));
    List<Enrollment> indexed = new ArrayList<>(enrollments.size());
    for (Enrollment e : enrollments) {
      indexed.add(new Enrollment(indexed.size(), e.learner(), e.course(), e.enrollDay(), e.enrolledAt(), e.mode(),
          e.upgradeDay(), e.unenrollDay(), e.lastActiveDay()));
    }
    return List.copyOf(indexed);
  }

  private Enrollment plan(Dice dice, Learner learner, Course course, int enrollDay, Instant at) {
    String mode = dice.weighted(MODES, 55, 15, 30);
    int last = days - 1;
    int unenroll = enrollDay < last && dice.chance(0.08) ? enrollDay + 1 + dice.below(last - enrollDay) : -1;
    int upgrade = -1;
    if (mode.equals("audit") && dice.chance(0.15)) {
      int day = enrollDay + dice.between(1, 10);
      upgrade = day <= last && (unenroll < 0 || day < unenroll) ? day : -1;
    }
    double staying = Math.max(3, days * 0.8 * learner.persona().diligence());
    int lastActive = (int) Math.min(last, enrollDay + Math.floor(dice.exponential(staying)));
    return new Enrollment(-1, learner, course, enrollDay, at, mode, upgrade, unenroll, lastActive);
  }

  // Lower-index courses are more popular, so per-course figures differ.
  private static Course popular(Dice dice, List<Course> courses, boolean[] taken) {
    double[] weights = new double[courses.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = taken[i] ? 0 : 1.0 / (i + 1);
    }
    return dice.weighted(courses, weights);
  }

  private int dayOf(Instant instant) {
    return (int) (instant.atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay() - start.toEpochDay());
  }
}
