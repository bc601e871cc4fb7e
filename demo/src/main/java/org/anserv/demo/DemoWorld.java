package org.anserv.demo;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.anserv.demo.activity.Outcome;
import org.anserv.demo.activity.Simulation;
import org.anserv.demo.output.SqlScript;
import org.anserv.demo.output.Truth;
import org.anserv.demo.world.Course;
import org.anserv.demo.world.CourseFactory;
import org.anserv.demo.world.Enrollment;
import org.anserv.demo.world.EnrollmentFactory;
import org.anserv.demo.world.Learner;
import org.anserv.demo.world.LearnerFactory;
import org.anserv.demo.xapi.ErbStatements;

/**
 * A deterministic demo course world: courses, learners, enrollments, the edX tracking log of the period, the LMS
 * tables at its end, and the true figures. The same {@link DemoSpec} gives the same bytes on every run and JVM.
 *
 * <pre>{@code
 * DemoWorld world = DemoWorld.generate(DemoSpec.defaults());
 * world.events().forEachRemaining(gateway::send);
 * long students = world.truth().getJsonObject("courses").getJsonObject(courseId).getLong("students");
 * }</pre>
 *
 * <p>Events are simulated day by day on demand, so memory holds one day of events, never the whole log; each call to
 * {@link #events()} simulates again. The end state behind {@link #sql(Writer)} and {@link #truth()} is simulated once,
 * or taken from the first complete pass of {@link #events()}.
 */
public final class DemoWorld {

  /** The LMS root URL of the demo world, as xAPI IRIs and actors' home page carry it. */
  public static final String LMS_ROOT = "https://lms.example.org";

  private final DemoSpec spec;
  private final List<Course> courses;
  private final List<Learner> learners;
  private final List<Enrollment> enrollments;
  private volatile Outcome outcome;

  private DemoWorld(DemoSpec spec) {
    this.spec = spec;
    this.courses = new CourseFactory(spec.seed()).courses(spec.courses(), spec.startDate());
    this.learners = new LearnerFactory(spec.seed()).learners(spec.students(), spec.days(), spec.startDate());
    this.enrollments = new EnrollmentFactory(spec.seed(), spec.days(), spec.startDate())
        .enrollments(learners, courses);
  }

  /** Plans the world of {@code spec}: courses, learners and enrollments; activity is simulated when asked for. */
  public static DemoWorld generate(DemoSpec spec) {
    return new DemoWorld(spec);
  }

  /** The spec the world was made from. */
  public DemoSpec spec() {
    return spec;
  }

  /** The courses, by index. */
  public List<Course> courses() {
    return courses;
  }

  /** The learners, by id (ids start at 1). */
  public List<Learner> learners() {
    return learners;
  }

  /** The enrollments, by learner then course. */
  public List<Enrollment> enrollments() {
    return enrollments;
  }

  /** The tracking log in time order, simulated as it is read. */
  public Iterator<JsonObject> events() {
    Simulation simulation = new Simulation(spec, courses, enrollments);
    return new Iterator<>() {
      private Iterator<JsonObject> day = List.<JsonObject>of().iterator();

      @Override
      public boolean hasNext() {
        while (!day.hasNext() && !simulation.finished()) {
          day = simulation.nextDay().iterator();
        }
        if (!day.hasNext() && outcome == null) {
          outcome = simulation.outcome();
        }
        return day.hasNext();
      }

      @Override
      public JsonObject next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return day.next();
      }
    };
  }

  /**
   * The world as the xAPI statements event-routing-backends would send for it, in time order (see
   * {@link ErbStatements}): the actors are the learners' external ids of {@link #sql(Writer)}'s
   * {@code external_user_ids_externalid}.
   */
  public Iterator<JsonObject> statements() {
    ErbStatements erb = new ErbStatements(spec.seed(), LMS_ROOT);
    Iterator<JsonObject> events = events();
    return new Iterator<>() {
      private JsonObject next;

      @Override
      public boolean hasNext() {
        while (next == null && events.hasNext()) {
          next = erb.of(events.next()).orElse(null);
        }
        return next != null;
      }

      @Override
      public JsonObject next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        JsonObject statement = next;
        next = null;
        return statement;
      }
    };
  }

  /** Writes the tracking log as NDJSON (one event per line, {@code \n} after each); returns the event count. */
  public long writeEvents(Writer out) throws IOException {
    long count = 0;
    for (Iterator<JsonObject> events = events(); events.hasNext(); count++) {
      out.write(events.next().encode());
      out.write('\n');
    }
    return count;
  }

  /** Writes the LMS tables as a MySQL/MariaDB script (see {@link SqlScript}). */
  public void sql(Writer out) throws IOException {
    new SqlScript(spec, courses, learners, outcome()).write(out);
  }

  /** The true figures (layout in {@link Truth}). */
  public JsonObject truth() {
    return Truth.of(spec, courses, learners.size(), enrollments, outcome());
  }

  /** The state at the end of the period. */
  public Outcome outcome() {
    Outcome known = outcome;
    if (known == null) {
      Simulation simulation = new Simulation(spec, courses, enrollments);
      while (!simulation.finished()) {
        simulation.nextDay();
      }
      outcome = known = simulation.outcome();
    }
    return known;
  }
}
