package org.anserv.bench.harness;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.anserv.api.Event;
import org.anserv.api.Origin;
import org.anserv.runtime.route.EventIds;

/**
 * Scenario 1, the ceiling: the same events read and given their ids as intake does (JSON parse, the
 * content-derived id, the typed event and its field checks) on one thread, with no HTTP and no storage.
 */
final class RawLimit {

  private RawLimit() {
  }

  static void run(Report report, List<String> sample, double seconds) {
    report.memory().reset();
    parse(sample, Math.min(2, seconds));
    long events = 0;
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    int checked = 0;
    while (System.nanoTime() < deadline) {
      checked += parse(sample, 0);
      events += sample.size();
    }
    double rate = events * 1e9 / (System.nanoTime() - start);
    report.rawLimit(rate);
    report.add(new Figures(HarnessOptions.Scenario.RAW.label(), "parse + id + checks, 1 thread", rate, Double.NaN,
        Double.NaN, Double.NaN, 1.0, report.memory().peakHeapMiB(), report.memory().peakRssMiB(),
        "events/s per core; " + sample.size() + " demo events, " + (checked > 0 ? "typed" : "untyped")));
  }

  // Returns how many events had a type, so the work cannot be optimised away.
  private static int parse(List<String> sample, double warmSeconds) {
    long until = System.nanoTime() + (long) (warmSeconds * 1e9);
    int typed = 0;
    do {
      for (String line : sample) {
        JsonObject raw = new JsonObject(line);
        Event event = Event.of(EventIds.of(raw).toString(), raw, Origin.EXTERNAL);
        typed += event.type().isEmpty() ? 0 : 1;
        typed += raw.getValue("time") instanceof String ? 0 : 1;
      }
    } while (System.nanoTime() < until);
    return typed;
  }
}
