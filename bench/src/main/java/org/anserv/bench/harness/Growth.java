package org.anserv.bench.harness;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.anserv.api.Event;
import org.anserv.api.Origin;
import org.anserv.bench.harness.HarnessOptions.Scenario;
import org.anserv.runtime.log.LogEntry;
import org.anserv.runtime.log.local.Durability;
import org.anserv.runtime.log.local.LocalEventLog;
import org.anserv.runtime.log.local.LocalLogOptions;
import org.anserv.runtime.route.LogCodec;
import org.anserv.runtime.route.EventIds;

/**
 * Scenario 6: how throughput and memory change (a) with the number of subscribed modules, each a counting module
 * compiled at bench time, and (b) with the size of the log a module replays when deployed after the events arrived.
 * Every step starts a fresh server with only those modules and checks each module counted every event.
 */
final class Growth {

  private Growth() {
  }

  static void run(Report report, HarnessOptions options, List<String> sample) throws Exception {
    int most = Math.max(1, options.scale().moduleCounts().stream().mapToInt(Integer::intValue).max().orElse(1));
    List<Class<?>> modules = CountingModules.compile(most, options.work().resolve("counting-modules"));
    for (int count : options.scale().moduleCounts()) {
      if (count == 0) {
        continue;
      }
      subscribers(report, options, sample, modules.subList(0, count));
    }
    for (int size : options.scale().logSizes()) {
      replay(report, options, sample, modules.getFirst(), size);
    }
  }

  private static void subscribers(Report report, HarnessOptions options, List<String> sample,
      List<Class<?>> modules) throws Exception {
    try (ServerUnderTest server = ServerUnderTest.start(options.work().resolve("data-growth"), settings(options),
        null);
         LoadGenerator load = new LoadGenerator(server.port(), options.token())) {
      for (Class<?> module : modules) {
        server.server().runtime().deploy(module).timeout(120, TimeUnit.SECONDS).await();
      }
      ModuleLag lag = new ModuleLag(load);
      report.memory().reset();
      long start = System.nanoTime();
      LoadRun run = load.closed(EventSource.repeated(sample, options.scale().growthEvents(), "growth-"), "/events",
          options.batch(), options.concurrency(), 3_600);
      double posted = (System.nanoTime() - start) / 1e9;
      long drained = lag.awaitDrained(1_200);
      double seconds = (System.nanoTime() - start) / 1e9;
      report.add(new Figures(Scenario.GROWTH.label(), modules.size() + " counting modules", run.events() / seconds,
          run.millisAt(50), run.millisAt(99), run.millisAt(99.9), run.events() / seconds / report.rawLimit(),
          report.memory().peakHeapMiB(), report.memory().peakRssMiB(), String.format(Locale.ROOT, "%,d events"
              + " through every module; intake alone %,.0f ev/s; %s; %s; load %s", run.events(), run.events()
              / posted, drained < 0 ? "NOT drained" : "drained", counted(load, modules.size(), run.events()),
              Report.load())));
    }
  }

  // Fills the log directly (the fill is not timed), then deploys one module that replays it from the start.
  private static void replay(Report report, HarnessOptions options, List<String> sample, Class<?> module, int size)
      throws Exception {
    Path data = options.work().resolve("data-replay");
    ServerUnderTest.delete(data);
    fill(data.resolve("log"), sample, size);
    try (ServerUnderTest server = ServerUnderTest.start(data, settings(options), null, false);
         LoadGenerator load = new LoadGenerator(server.port(), options.token())) {
      report.memory().liveHeapMiB();
      report.memory().reset();
      long start = System.nanoTime();
      // Deploying waits for the module's catch-up from the log: the replay itself.
      server.server().runtime().deploy(module).timeout(1_200, TimeUnit.SECONDS).await();
      long drained = new ModuleLag(load).awaitDrained(1_200);
      double seconds = (System.nanoTime() - start) / 1e9;
      long live = report.memory().liveHeapMiB();
      report.add(new Figures(Scenario.GROWTH.label(), String.format(Locale.ROOT, "replay %,d events", size),
          size / seconds, Double.NaN, Double.NaN, Double.NaN, size / seconds / report.rawLimit(),
          report.memory().peakHeapMiB(), report.memory().peakRssMiB(), String.format(Locale.ROOT, "1 counting module"
              + " deployed after the events; %s; heap live after GC %d MiB; %s; load %s", drained < 0
              ? "NOT drained" : "drained", live, counted(load, 1, size), Report.load())));
    }
  }

  private static void fill(Path logDir, List<String> sample, int size) throws Exception {
    LocalEventLog log = LocalEventLog.open(LocalLogOptions.defaults(logDir).withDurability(Durability.PROCESS),
        null, null);
    try {
      for (int first = 0; first < size; first += 1_000) {
        List<LogEntry> batch = new ArrayList<>(1_000);
        for (int n = first; n < Math.min(size, first + 1_000); n++) {
          JsonObject raw = new JsonObject(sample.get(n % sample.size())).put("id", "replay-" + n);
          batch.add(LogCodec.entry(Event.of(EventIds.of(raw).toString(), raw, Origin.EXTERNAL)));
        }
        log.append(batch).toCompletionStage().toCompletableFuture().get();
      }
    } finally {
      log.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  // Every module must have counted every event: a harness that drops events would measure nothing.
  private static String counted(LoadGenerator load, int modules, long expected) {
    int exact = 0;
    for (int i = 0; i < modules; i++) {
      Buffer body = load.get("/queries/" + CountingModules.name(i) + "/total").timeout(120, TimeUnit.SECONDS)
          .await().body();
      exact += body.toString(StandardCharsets.UTF_8).trim().equals(String.valueOf(expected)) ? 1 : 0;
    }
    return exact + " of " + modules + " modules counted all " + expected;
  }

  private static JsonObject settings(HarnessOptions options) {
    return new JsonObject().put("modules.discover", false).put("mongo.embedded.storage", options.mongo());
  }
}
