package org.anserv.modules.progress;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.anserv.api.Access;
import org.anserv.api.Db;
import org.anserv.api.Event;
import org.anserv.api.EventHandler;
import org.anserv.api.Memoize;
import org.anserv.api.Module;
import org.anserv.api.Param;
import org.anserv.api.Queries;
import org.anserv.api.Query;
import org.anserv.api.ReadOnlyDb;
import org.anserv.api.Template;
import org.anserv.api.View;

/**
 * Each learner's progress in each course: time on task, completion of chapters, grade so far; and the course funnel
 * from enrollment to a passing grade.
 *
 * <p>One handler sees every event with a course and keeps one document per learner and course ({@value #LEARNERS}):
 * events, first and last activity, time on task, the videos and problems touched, and the funnel stages reached
 * (see {@link Funnel}); plus the course structure the events reveal ({@value #BLOCKS}: which chapter each video and
 * problem is in, see {@link Chapters}). It reads nothing per event but the learner's last activity, and that only
 * when it is not among the {@value #REMEMBERED} learners it remembers.
 *
 * <p><b>Time on task</b> is the sum of the gaps between a learner's consecutive events in a course, counting a gap
 * only when it is at most 30 minutes: a longer pause ends a session and adds nothing, so a session's time runs from
 * its first event to its last. Enrollment changes are not activity (staff may make them for a learner). Events
 * arriving out of order add no time. <b>Grades</b> are the {@code problems} module's, asked over the event bus
 * ({@link Grades}), so that module must be deployed too.
 */
@Module(name = "progress", description = "Time on task, chapter completion and grade per learner and course; the "
    + "course funnel.")
public class Progress {

  static final String LEARNERS = "learners";
  static final String BLOCKS = "blocks";
  /** The longest gap between two events that still counts as time on task: 30 minutes. */
  static final long IDLE_MICROS = 30 * 60 * 1_000_000L;
  private static final String COURSE = "The course id, e.g. course-v1:Org+Course+Run";
  private static final String USER = "The learner's username";
  private static final int REMEMBERED = 10_000;

  private final Indexes indexes = new Indexes();
  private final Recent<String, Long> lastActivity = new Recent<>(REMEMBERED);
  private final Recent<String, Boolean> knownBlocks = new Recent<>(REMEMBERED);

  /** Adds the event to its learner's figures, and its block to the course structure when its URL reveals it. */
  @EventHandler
  public Future<Void> track(Event event, Db db) {
    Optional<Footprint> footprint = Footprint.of(event);
    if (footprint.isEmpty()) {
      return Future.succeededFuture();
    }
    Footprint step = footprint.get();
    return indexes.ensure(db)
        .compose(v -> step.activity() ? lastActivity(step, db) : Future.succeededFuture(Optional.<Long>empty()))
        .compose(previous -> Future.all(writes(step, previous, db)))
        .onSuccess(done -> remember(step))
        .mapEmpty();
  }

  // The time of the learner's previous event in the course: from memory when recent, else from their document.
  private Future<Optional<Long>> lastActivity(Footprint step, Db db) {
    Long known = lastActivity.get(step.course() + "\n" + step.user());
    if (known != null) {
      return Future.succeededFuture(Optional.of(known));
    }
    return db.collection(LEARNERS).findOne(key(step.course(), step.user()))
        .map(document -> Optional.ofNullable(document == null ? null : document.getLong("last")));
  }

  private List<Future<?>> writes(Footprint step, Optional<Long> previous, Db db) {
    List<Future<?>> writes = new ArrayList<>();
    writes.add(db.collection(LEARNERS).update(key(step.course(), step.user()),
        step.learnerUpdate(previous, IDLE_MICROS), true));
    if (step.revealsStructure() && !knownBlocks.containsKey(blockKey(step))) {
      writes.add(db.collection(BLOCKS).update(new JsonObject().put("course", step.course())
          .put("block", step.block().orElseThrow()), step.blockUpdate(), true));
    }
    return writes;
  }

  private void remember(Footprint step) {
    if (!step.activity()) {
      return;
    }
    lastActivity.merge(step.course() + "\n" + step.user(), step.micros(), Math::max);
    if (step.revealsStructure()) {
      knownBlocks.put(blockKey(step), Boolean.TRUE);
    }
  }

  // A block seen again in the same chapter changes nothing: its first sighting is already stored.
  private static String blockKey(Footprint step) {
    return step.course() + "\n" + step.block().orElseThrow() + "\n" + step.chapter().orElseThrow();
  }

  static JsonObject key(String course, String user) {
    return new JsonObject().put("course", course).put("user", user);
  }

  @Query(description = "A learner's progress in a course: {user, course, grade (0 to 1, 4 decimals, from the problems "
      + "module), time_on_task_seconds (gaps of at most 30 minutes between consecutive events, summed), last_active "
      + "(ISO-8601 UTC or null), chapters_completed (chapters with every known video and problem touched), "
      + "chapters_known, events}; zeros and null for a learner or course not seen.")
  public Future<JsonObject> student(@Param(value = "user", description = USER) String user,
      @Param(value = "course", description = COURSE) String course, Db db, Queries queries) {
    Future<LearnerFigures> figures = learner(course, user, db);
    Future<Chapters> chapters = Chapters.load(course, db);
    Future<Double> grade = Grades.of(queries, user, course);
    return Future.all(figures, chapters, grade)
        .map(all -> figures.result().summary(grade.result(), chapters.result()));
  }

  @Query(access = Access.STUDENT, description = "A learner's completion of each known chapter of a course: {user, course, chapters: [{chapter,"
      + " position, blocks, touched, completion (0 to 1, 4 decimals)}]}, chapters in the order first seen.")
  public Future<JsonObject> completion(@Param(value = "user", description = USER) String user,
      @Param(value = "course", description = COURSE) String course, Db db) {
    Future<LearnerFigures> figures = learner(course, user, db);
    Future<Chapters> chapters = Chapters.load(course, db);
    return Future.all(figures, chapters).map(all -> new JsonObject().put("user", user).put("course", course)
        .put("chapters", chapters.result().completion(figures.result().blocks())));
  }

  @Query(description = "Every learner of a course with their progress, by username: [{user, course, grade, "
      + "time_on_task_seconds, last_active, chapters_completed, chapters_known, events}] as in 'student'.")
  @Memoize(10)
  public Future<JsonArray> learners(@Param(value = "course", description = COURSE) String course, Db db,
      Queries queries) {
    return LearnerTable.load(course, db, queries).map(LearnerTable::json);
  }

  @Query(description = "The course funnel: {course, enrolled, started, watched_video, attempted_problem, passed}, "
      + "each the number of learners who reached that stage (see the module's description).")
  @Memoize(10)
  public Future<JsonObject> funnel(@Param(value = "course", description = COURSE) String course, Db db,
      Queries queries) {
    return Funnel.load(course, db, queries).map(Funnel::json);
  }

  @View(name = "funnel", description = "How many learners of a course enrolled, started, watched a video, attempted "
      + "a problem and passed.")
  public Future<Template> funnelView(@Param(value = "course", description = COURSE) String course, Db db,
      Queries queries) {
    return Funnel.load(course, db, queries).map(funnel -> Template.of("templates/progress/funnel.hbs",
        funnel.json().put("stages", funnel.stages()).put("chart", funnel.chart().encode())));
  }

  @View(name = "course", description = "Every learner of a course: grade, time on task, chapters completed, last "
      + "active.")
  public Future<Template> courseView(@Param(value = "course", description = COURSE) String course, Db db,
      Queries queries) {
    return LearnerTable.load(course, db, queries).map(LearnerTable::template);
  }

  @View(access = Access.STUDENT, name = "student", description = "A learner's progress in each of their courses, chapter by chapter.")
  public Future<Template> studentView(@Param(value = "user", description = USER) String user, Db db,
      Queries queries) {
    return StudentPage.load(user, db, queries);
  }

  static Future<LearnerFigures> learner(String course, String user, ReadOnlyDb db) {
    return db.readCollection(LEARNERS).findOne(key(course, user))
        .map(document -> LearnerFigures.of(course, user, document));
  }
}
