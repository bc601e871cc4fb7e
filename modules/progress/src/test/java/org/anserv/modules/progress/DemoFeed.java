package org.anserv.modules.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.anserv.demo.DemoSpec;
import org.anserv.demo.DemoWorld;
import org.anserv.testkit.ModuleTestKit;

/**
 * A demo world fed through the test kit. Two courses, 20 learners (5 in both), 30 days, 3,862 events: small enough
 * for a quick test, long enough that learners open every video and problem of both courses in the browser, so the
 * structure the module learns from events is the courses' real one (and the problems module knows every problem's
 * points).
 */
record DemoFeed(DemoWorld world, List<JsonObject> events) {

  static final DemoSpec SPEC = new DemoSpec(3, 2, 20, 30, LocalDate.of(2026, 2, 2));

  /** Generates the world and feeds all its events to {@code kit}, in log order. */
  static DemoFeed into(ModuleTestKit kit) {
    DemoWorld world = DemoWorld.generate(SPEC);
    List<JsonObject> events = new ArrayList<>();
    for (Iterator<JsonObject> it = world.events(); it.hasNext(); ) {
      events.add(it.next());
    }
    JsonObject report = kit.feed(events);
    assertThat(report.getLong("failed")).as("handler failures: %s", report).isZero();
    return new DemoFeed(world, events);
  }
}
