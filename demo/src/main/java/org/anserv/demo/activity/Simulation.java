package org.anserv.demo.activity;

import io.vertx.core.json.JsonObject;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.anserv.demo.DemoSpec;
import org.anserv.demo.Dice;
import org.anserv.demo.world.Course;
import org.anserv.demo.world.Enrollment;
import org.anserv.demo.world.Unit;

/**
 * Lives through the period one day at a time: enrollments, upgrades and unenrollments on their planned days, and on
 * other days a study session with a probability that falls with time and rises with diligence. Each enrollment-day
 * draws from its own random stream, so every run gives the same events.
 */
public final class Simulation {

  private static final long DAY = 86_400_000_000L;
  private static final long SESSION_DEADLINE = DAY - 10 * 60 * 1_000_000L;

  private final DemoSpec spec;
  private final List<Enrollment> enrollments;
  private final List<List<Unit>> units;
  private final Tally tally = new Tally();
  private final List<Progress> progress = new ArrayList<>();
  private int nextDay;

  /**
   * A simulation of {@code enrollments} in {@code courses} (indexed by {@link Course#index()}) over {@code spec}'s
   * period; days must then be run in order.
   */
  public Simulation(DemoSpec spec, List<Course> courses, List<Enrollment> enrollments) {
    this.spec = spec;
    this.enrollments = enrollments;
    this.units = courses.stream().map(Course::units).toList();
    enrollments.forEach(e -> progress.add(new Progress(e)));
  }

  /** Whether every day has been run. */
  public boolean finished() {
    return nextDay >= spec.days();
  }

  /** Runs the next day and returns its events in time order. */
  public List<JsonObject> nextDay() {
    if (finished()) {
      throw new IllegalStateException("All " + spec.days() + " days have been simulated");
    }
    int day = nextDay++;
    DayLog log = new DayLog(tally);
    for (Enrollment enrollment : enrollments) {
      act(enrollment, day, log);
    }
    return log.sorted();
  }

  /** The end state; only once every day has been run. */
  public Outcome outcome() {
    if (!finished()) {
      throw new IllegalStateException("The outcome is known after all " + spec.days() + " days, not after " + nextDay);
    }
    return new Outcome(tally, progress);
  }

  private void act(Enrollment enrollment, int day, DayLog log) {
    if (day < enrollment.enrollDay()) {
      return;
    }
    Dice dice = Dice.of(spec.seed(), 4, enrollment.index(), day);
    long dayStart = spec.startDate().plusDays(day).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
    Visit visit = new Visit(enrollment.learner(), enrollment.course(), dice.hex(32), false);
    if (day == enrollment.enrollDay()) {
      long at = EdxTime.micros(enrollment.enrolledAt());
      log.add(visit, at, enrollmentEvent(visit, at, "activated", enrollment.mode()));
      if (dice.chance(0.85)) {
        study(enrollment, day, visit, dice, log, at + dice.between(20, 90) * 1_000_000L, dayStart);
      }
      return;
    }
    long at = dayStart + dice.between(7 * 3600, 20 * 3600) * 1_000_000L + dice.below(1_000_000);
    if (day == enrollment.unenrollDay()) {
      log.add(visit, at, enrollmentEvent(visit, at, "deactivated", enrollment.modeOn(day)));
      return;
    }
    if (day == enrollment.upgradeDay()) {
      log.add(visit, at, enrollmentEvent(visit, at, "mode_changed", "verified"));
      study(enrollment, day, visit, dice, log, at + dice.between(30, 300) * 1_000_000L, dayStart);
    } else if (enrollment.mayStudyOn(day) && dice.chance(activity(enrollment, day))) {
      study(enrollment, day, session(enrollment, visit, dice), dice, log, startOfSession(enrollment, dice, dayStart),
          dayStart);
    }
  }

  private double activity(Enrollment enrollment, int day) {
    double diligence = enrollment.learner().persona().diligence();
    double fading = 1 - 0.5 * (day - enrollment.enrollDay()) / (double) spec.days();
    boolean finishedCourse = progress.get(enrollment.index()).nextUnit() >= units(enrollment).size();
    return (0.15 + 0.55 * diligence) * fading * (finishedCourse ? 0.3 : 1);
  }

  private void study(Enrollment enrollment, int day, Visit visit, Dice dice, DayLog log, long start, long dayStart) {
    Progress learnerProgress = progress.get(enrollment.index());
    List<Unit> course = units(enrollment);
    int count = dice.between(2, 3 + (int) Math.round(4 * enrollment.learner().persona().diligence()));
    int first = learnerProgress.nextUnit();
    if (first >= course.size() || (first > 0 && dice.chance(0.15))) {
      first = dice.below(Math.min(first, course.size()));
    }
    List<Unit> plan = course.subList(first, Math.min(course.size(), first + count));
    new Session(visit, dice, log, tally, learnerProgress, start, dayStart + SESSION_DEADLINE).study(plan);
  }

  private static Visit session(Enrollment enrollment, Visit browser, Dice dice) {
    boolean mobile = enrollment.learner().persona().mobile() && dice.chance(0.6);
    return mobile ? new Visit(browser.learner(), browser.course(), "", true) : browser;
  }

  private static long startOfSession(Enrollment enrollment, Dice dice, long dayStart) {
    double hour = enrollment.learner().persona().preferredHour() + dice.gaussian() * 1.5;
    double clamped = Math.max(6, Math.min(20.5, hour));
    return dayStart + (long) (clamped * 3600) * 1_000_000L + dice.below(1_000_000);
  }

  private List<Unit> units(Enrollment enrollment) {
    return units.get(enrollment.course().index());
  }

  private static JsonObject enrollmentEvent(Visit visit, long at, String what, String mode) {
    String name = "edx.course.enrollment." + what;
    JsonObject payload = new JsonObject()
        .put("course_id", visit.course().id())
        .put("user_id", visit.learner().id())
        .put("mode", mode);
    return EdxEvents.server(visit, at, name, name, payload, "/change_enrollment", null, null,
        EdxEvents.ORIGIN + "/courses/" + visit.course().id() + "/about");
  }
}
