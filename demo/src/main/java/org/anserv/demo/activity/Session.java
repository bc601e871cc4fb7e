package org.anserv.demo.activity;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.anserv.demo.Dice;
import org.anserv.demo.world.Course;
import org.anserv.demo.world.Problem;
import org.anserv.demo.world.Sequential;
import org.anserv.demo.world.Unit;
import org.anserv.demo.world.Video;

/**
 * One learner's study session in one course: a clock, a page, and a walk through a few units, navigating between
 * them, watching their videos and attempting their problems.
 */
final class Session {

  private final Visit visit;
  private final Dice dice;
  private final DayLog log;
  private final Tally tally;
  private final Progress progress;
  private final long deadline;
  private long clock;
  private String page;
  private Sequential sequential;
  private int tab;

  Session(Visit visit, Dice dice, DayLog log, Tally tally, Progress progress, long start, long deadline) {
    this.visit = visit;
    this.dice = dice;
    this.log = log;
    this.tally = tally;
    this.progress = progress;
    this.clock = start;
    this.deadline = deadline;
  }

  /** Visits {@code units} in order, stopping early when the day runs out. */
  void study(List<Unit> units) {
    for (Unit unit : units) {
      if (late(20 * 60)) {
        return;
      }
      if (visit.mobile()) {
        unit.vertical().videos().forEach(video -> new VideoWatcher(this).watch(video));
      } else {
        navigate(unit);
        unit.vertical().videos().forEach(video -> new VideoWatcher(this).watch(video));
        unit.vertical().problems().forEach(problem -> new ProblemSolver(this).solve(problem));
        if (unit.tab() > 1 && dice.chance(0.06)) {
          glanceBack(unit);
        }
      }
      progress.visited(unit.index());
      advance(dice.uniform(5, 40));
    }
  }

  // Opening a subsection lands on the tab the learner last saw there, as edX remembers it.
  private void navigate(Unit unit) {
    Course course = visit.course();
    String sequence = unit.sequential().usageKey();
    if (!unit.sequential().equals(sequential)) {
      if (sequential != null) {
        emit(EdxEvents.browser(visit, clock, "edx.ui.lms.outline.selected", "edx.ui.lms.outline.selected",
            new JsonObject()
                .put("target_name", unit.sequential().displayName())
                .put("target_url", EdxEvents.ORIGIN + "/courses/" + course.id() + "/jump_to/" + sequence)
                .put("widget_placement", "accordion")
                .put("current_url", EdxEvents.ORIGIN + "/courses/" + course.id() + "/course/"),
            page));
        advance(dice.uniform(0.5, 2));
      }
      String path = "/courses/" + course.id() + "/courseware/" + unit.chapter().blockId() + "/"
          + unit.sequential().blockId() + "/";
      emit(EdxEvents.request(visit, clock, path, page));
      long[] saved = progress.positions().get(sequence);
      sequential = unit.sequential();
      tab = saved == null ? 1 : (int) saved[0];
      page = EdxEvents.ORIGIN + path + tab;
      advance(dice.uniform(1, 5));
    }
    if (tab != unit.tab()) {
      select(unit.tab());
    }
    progress.position(sequence, unit.tab(), clock);
    advance(dice.uniform(2, 15));
  }

  private void glanceBack(Unit unit) {
    advance(dice.uniform(2, 10));
    select(unit.tab() - 1);
    progress.position(unit.sequential().usageKey(), tab, clock);
    advance(dice.uniform(5, 30));
  }

  // seq_next and seq_prev for neighbours, seq_goto for any other tab, with the new names a current LMS adds.
  private void select(int to) {
    int from = tab;
    int count = sequential.verticals().size();
    JsonObject payload = new JsonObject();
    String type;
    String name;
    if (to == from + 1 || to == from - 1) {
      boolean next = to == from + 1;
      type = next ? "seq_next" : "seq_prev";
      name = next ? "edx.ui.lms.sequence.next_selected" : "edx.ui.lms.sequence.previous_selected";
      payload.put("tab_count", count).put("widget_placement", "bottom").put("current_tab", from);
    } else {
      type = "seq_goto";
      name = "edx.ui.lms.sequence.tab_selected";
      payload.put("target_tab", to).put("tab_count", count).put("widget_placement", "top").put("current_tab", from);
    }
    payload.put("id", sequential.usageKey()).put("old", from).put("new", to);
    emit(EdxEvents.browser(visit, clock, type, name, payload, page));
    tab = to;
    page = page.substring(0, page.lastIndexOf('/') + 1) + to;
  }

  Visit visit() {
    return visit;
  }

  Dice dice() {
    return dice;
  }

  Tally tally() {
    return tally;
  }

  Progress progress() {
    return progress;
  }

  String page() {
    return page;
  }

  long now() {
    return clock;
  }

  /** Moves the clock on by {@code seconds} plus a few random microseconds. */
  void advance(double seconds) {
    clock += (long) (seconds * 1_000_000L) + dice.below(1000);
  }

  /** Whether fewer than {@code seconds} remain before the session must end. */
  boolean late(double seconds) {
    return clock + (long) (seconds * 1_000_000L) > deadline;
  }

  /** Logs {@code event}, which happened now. */
  void emit(JsonObject event) {
    log.add(visit, clock, event);
  }

  /** The problem's state for this learner, created now if it is the first time they meet it. */
  ProblemState state(Problem problem) {
    return progress.problems().computeIfAbsent(problem.usageKey(), k -> new ProblemState(problem, clock));
  }

  /** The video's state for this learner, created now if it is the first time they load it. */
  VideoState state(Video video) {
    return progress.videos().computeIfAbsent(video.usageKey(), k -> new VideoState(clock));
  }
}
