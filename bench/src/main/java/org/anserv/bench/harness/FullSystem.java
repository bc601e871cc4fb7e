package org.anserv.bench.harness;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.anserv.bench.harness.HarnessOptions.Scenario;

/**
 * Scenarios 3, 4 and 5 on one server with every standard module: the world is loaded through HTTP (3: how many
 * events per second go all the way through every module, and whether the lag stays bounded at a rate below that),
 * then single-event synchronous POSTs at a fixed rate (4), then every query (5) on the state the world left.
 */
final class FullSystem {

  private FullSystem() {
  }

  static void run(Report report, HarnessOptions options, WorldCache world, List<String> sample) throws Exception {
    JsonObject settings = new JsonObject().put("mongo.embedded.storage", options.mongo());
    report.say("starting the server with every standard module" + (options.sql() ? " and the SQL replica" : ""));
    try (ServerUnderTest server = ServerUnderTest.start(options.work().resolve("data-full"), settings,
        options.sql() ? world : null);
         LoadGenerator load = new LoadGenerator(server.port(), options.token())) {
      ModuleLag lag = new ModuleLag(load);
      double sustained = loadWorld(report, options, world, load, lag);
      if (options.runs(Scenario.QUEUED)) {
        belowCapacity(report, options, sample, load, lag, sustained);
      }
      if (options.runs(Scenario.REALTIME)) {
        realtime(report, options, sample, load, lag);
      }
      if (options.runs(Scenario.QUERIES)) {
        QueryLatency.run(report, load, options);
      }
    }
  }

  // Sends the world once, as fast as intake takes it, and times until every module has handled all of it.
  private static double loadWorld(Report report, HarnessOptions options, WorldCache world, LoadGenerator load,
      ModuleLag lag) throws Exception {
    report.memory().reset();
    long total = world.eventCount();
    long step = total / Math.max(1, options.worldEvents());
    report.say("loading the world " + world.spec() + (options.worldEvents() >= total ? ""
        : step <= 1 ? String.format(Locale.ROOT, ", its first %,d events,", options.worldEvents())
        : String.format(Locale.ROOT, ", %,d of its %,d events (one in %d),", options.worldEvents(), total, step))
        + " through every module, load " + Report.load());
    long start = System.nanoTime();
    ModuleLag.Watch watch = lag.watch();
    LoadRun run;
    try (EventSource events = EventSource.spread(world.events(), options.worldEvents(), total)) {
      run = load.closed(events, "/events", options.batch(), options.concurrency(), 3_600);
    }
    double posted = (System.nanoTime() - start) / 1e9;
    long drainPeak = lag.awaitDrained(1_800);
    long peak = Math.max(watch.stop(), drainPeak);
    double seconds = (System.nanoTime() - start) / 1e9;
    double sustained = run.events() / seconds;
    String counted = load.get("/queries/counts/total").timeout(120, TimeUnit.SECONDS).await().body()
        .toString(StandardCharsets.UTF_8);
    if (options.runs(Scenario.QUEUED)) {
      report.add(new Figures(Scenario.QUEUED.label(), "world through all modules", sustained, run.millisAt(50),
          run.millisAt(99), run.millisAt(99.9), sustained / report.rawLimit(), report.memory().peakHeapMiB(),
          report.memory().peakRssMiB(), String.format(Locale.ROOT, "%,d events; intake alone %,.0f ev/s for %.0f s;"
              + " lag peak %,d, %s; counts/total %s; load %s", run.events(), run.events() / posted, posted, peak,
              drainPeak < 0 ? "NOT drained" : String.format(Locale.ROOT, "drained %.0f s after the last POST",
                  seconds - posted), counted, Report.load())));
    }
    return sustained;
  }

  // At 80% of the measured capacity, the lag must stay bounded: its peak and its last reading say whether it did.
  private static void belowCapacity(Report report, HarnessOptions options, List<String> sample, LoadGenerator load,
      ModuleLag lag, double sustained) throws Exception {
    report.memory().reset();
    double rate = 0.8 * sustained;
    int batch = (int) Math.max(1, Math.min(options.batch(), rate / 20));
    ModuleLag.Watch watch = lag.watch();
    LoadRun run = load.open(EventSource.repeated(sample, Long.MAX_VALUE, "queued-"), "/events", batch,
        rate / batch, options.seconds(), options.concurrency());
    long last = watch.last();
    long peak = watch.stop();
    long drain = lag.awaitDrained(600);
    report.add(Figures.of(Scenario.QUEUED.label(), String.format(Locale.ROOT, "open loop at 80%%, batch %d", batch),
        run, report.rawLimit(), report.memory(), String.format(Locale.ROOT, "offered %,.0f ev/s for %.0f s; lag peak"
            + " %,d, at the end %,d, %s; load %s", rate, options.seconds(), peak, last, drain < 0 ? "NOT drained"
            : "drained", Report.load())));
  }

  private static void realtime(Report report, HarnessOptions options, List<String> sample, LoadGenerator load,
      ModuleLag lag) throws Exception {
    report.memory().reset();
    LoadRun run = load.open(EventSource.repeated(sample, Long.MAX_VALUE, "realtime-"), "/events?sync=true", 1,
        options.rate(), options.seconds(), 64);
    report.add(Figures.of(Scenario.REALTIME.label(), String.format(Locale.ROOT, "1-event sync POSTs at %,d/s",
        options.rate()), run, report.rawLimit(), report.memory(), String.format(Locale.ROOT, "%,d POSTs; latency from"
            + " when each was due; load %s", run.requests(), Report.load())));
    lag.awaitDrained(600);
  }
}
