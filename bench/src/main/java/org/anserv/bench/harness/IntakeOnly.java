package org.anserv.bench.harness;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Scenario 2: HTTP intake with the durable log ({@code fsync}) and no module deployed, closed loop: how fast the
 * server stores what it is sent, and the latency of one batch POST.
 */
final class IntakeOnly {

  private IntakeOnly() {
  }

  static void run(Report report, HarnessOptions options, List<String> sample) throws Exception {
    report.memory().reset();
    JsonObject settings = new JsonObject().put("modules.discover", false).put("mongo.embedded.storage",
        options.mongo());
    try (ServerUnderTest server = ServerUnderTest.start(options.work().resolve("data-intake"), settings, null);
         LoadGenerator load = new LoadGenerator(server.port(), options.token())) {
      // A short warm-up so the JIT has compiled the path before the clock starts.
      load.closed(EventSource.repeated(sample, Long.MAX_VALUE, "warm-"), "/events", options.batch(),
          options.concurrency(), Math.min(3, options.seconds()));
      report.memory().reset();
      LoadRun run = load.closed(EventSource.repeated(sample, Long.MAX_VALUE, "intake-"), "/events",
          options.batch(), options.concurrency(), options.seconds());
      report.add(Figures.of(HarnessOptions.Scenario.INTAKE.label(), "batch " + options.batch() + " x "
          + options.concurrency() + " connections", run, report.rawLimit(), report.memory(), "load "
          + Report.load()));
    }
  }
}
