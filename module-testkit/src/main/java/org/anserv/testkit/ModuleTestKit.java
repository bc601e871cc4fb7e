package org.anserv.testkit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.anserv.api.Event;
import org.anserv.api.Origin;
import org.anserv.api.Sql;
import org.anserv.runtime.ModuleRuntime;
import org.anserv.runtime.RuntimeSettings;
import org.anserv.runtime.bus.Addresses;
import org.anserv.runtime.bus.EventBatch;
import org.anserv.runtime.call.CallRequest;
import org.anserv.runtime.deploy.MissingSql;
import org.anserv.runtime.deploy.ModuleDiscovery.Candidate;
import org.anserv.runtime.log.local.Durability;
import org.anserv.runtime.log.local.LocalEventLog;
import org.anserv.runtime.log.local.LocalLogOptions;
import org.anserv.runtime.route.EventIds;
import org.anserv.runtime.shard.Shard;
import org.anserv.runtime.store.EmbeddedMongo;

/**
 * Runs modules for their authors' unit tests: the real runtime on an in-memory embedded MongoDB, no HTTP. Feed
 * events, then call queries and views; every call blocks until done, so tests read top to bottom.
 *
 * <pre>{@code
 * try (ModuleTestKit kit = ModuleTestKit.start(Counts.class)) {
 *   kit.feed(new JsonObject().put("username", "ann").put("event_type", "play_video"));
 *   assertThat(kit.query("counts", "total")).isEqualTo(1L);
 * }
 * }</pre>
 */
public final class ModuleTestKit implements AutoCloseable {

  private static final long TIMEOUT_SECONDS = 30;
  private static final int BATCH = 1_000;

  private final Vertx vertx;
  private final EmbeddedMongo mongo;
  private final LocalEventLog log;
  private final Path logDirectory;
  private final ModuleRuntime runtime;
  private final MeterRegistry meters;

  private ModuleTestKit(Vertx vertx, EmbeddedMongo mongo, LocalEventLog log, Path logDirectory,
      ModuleRuntime runtime, MeterRegistry meters) {
    this.vertx = vertx;
    this.mongo = mongo;
    this.log = log;
    this.logDirectory = logDirectory;
    this.runtime = runtime;
    this.meters = meters;
  }

  /**
   * Starts the runtime and deploys {@code modules}.
   *
   * @throws org.anserv.api.DefinitionException when a module is invalid, with every problem listed
   */
  public static ModuleTestKit start(Class<?>... modules) {
    return start(new MissingSql(), modules);
  }

  /** Starts the runtime with {@code sql} as the read-replica and deploys {@code modules}. */
  public static ModuleTestKit start(Sql sql, Class<?>... modules) {
    return start(sql, 1, modules);
  }

  /**
   * Starts the runtime and deploys {@code modules}, those of student or resource scope split into {@code shards}
   * shards as in a cluster, each with its own database and events: queries and views are routed as the gateway
   * routes them, so a test shows the module gives the same answers whole and sharded.
   */
  public static ModuleTestKit sharded(int shards, Class<?>... modules) {
    return start(new MissingSql(), shards, modules);
  }

  private static ModuleTestKit start(Sql sql, int shards, Class<?>... modules) {
    Vertx vertx = Vertx.vertx();
    EmbeddedMongo mongo = EmbeddedMongo.inMemory();
    Path logDirectory = null;
    LocalEventLog log = null;
    try {
      logDirectory = Files.createTempDirectory("anserv-testkit-log");
      log = LocalEventLog.open(LocalLogOptions.defaults(logDirectory).withDurability(Durability.PROCESS), vertx,
          null);
      RuntimeSettings settings = RuntimeSettings.fromConfig(new JsonObject().put("modules.shards", shards))
          .withMongo(mongo.connectionString());
      MeterRegistry meters = new SimpleMeterRegistry();
      ModuleRuntime runtime = await(ModuleRuntime.start(vertx, settings, log, sql, meters));
      ModuleTestKit kit = new ModuleTestKit(vertx, mongo, log, logDirectory, runtime, meters);
      for (Class<?> module : modules) {
        Candidate candidate = new Candidate(module.getName(), module.getClassLoader(), "test kit");
        int count = runtime.shardsOf(candidate);
        for (int index = 0; index < count; index++) {
          await(runtime.deploy(candidate, count == 1 ? Shard.WHOLE : new Shard(index, count), false));
        }
      }
      return kit;
    } catch (IOException e) {
      cleanUp(vertx, mongo, log, logDirectory);
      throw new UncheckedIOException("Cannot create the test kit's event log", e);
    } catch (RuntimeException e) {
      cleanUp(vertx, mongo, log, logDirectory);
      throw e;
    }
  }

  private static void cleanUp(Vertx vertx, EmbeddedMongo mongo, LocalEventLog log, Path logDirectory) {
    if (log != null) {
      log.close();
    }
    vertx.close();
    mongo.close();
    deleteQuietly(logDirectory);
  }

  private static void deleteQuietly(Path directory) {
    if (directory == null) {
      return;
    }
    try (var files = Files.walk(directory)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary directory is harmless.
    }
  }

  /**
   * Delivers {@code events} to every deployed module and waits until their handlers ran: realtime ones before the
   * report, queued and batched ones before this method returns.
   *
   * @return the delivery report: {@code accepted}, {@code failed} and per-handler counts and errors
   */
  public JsonObject feed(JsonObject... events) {
    return feed(List.of(events));
  }

  /**
   * Delivers {@code events} in order and waits until every handler ran; see {@link #feed(JsonObject...)}. As on the
   * server, an event identical to one already fed is a duplicate and is delivered once: give repeated events
   * distinct times or an {@code id}.
   */
  public JsonObject feed(List<JsonObject> events) {
    // Large lists (a whole demo world) go in batches, as a producer would post them; the reports are merged.
    JsonObject merged = new JsonObject().put("accepted", 0).put("duplicates", 0).put("failed", 0)
        .put("handlers", new JsonArray());
    for (int from = 0; from < events.size(); from += BATCH) {
      List<Event> batch = new ArrayList<>();
      for (JsonObject event : events.subList(from, Math.min(events.size(), from + BATCH))) {
        batch.add(Event.of(EventIds.of(event).toString(), event.copy(), Origin.EXTERNAL));
      }
      JsonObject report = await(vertx.eventBus().<JsonObject>request(Addresses.SUBMIT, new EventBatch(batch, true),
          options())).body();
      for (String count : List.of("accepted", "duplicates", "failed")) {
        merged.put(count, merged.getInteger(count) + report.getInteger(count, 0));
      }
      merged.getJsonArray("handlers").addAll(report.getJsonArray("handlers", new JsonArray()));
    }
    awaitCaughtUp();
    return merged;
  }

  /**
   * Waits until every feed of every module has handled everything in the log (queued and batched handlers too, a
   * batched one at most its {@code batchSeconds} later) and no call waits in any module. {@link #feed} does this
   * before returning.
   */
  public void awaitCaughtUp() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (behind()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Modules did not catch up with the log within " + TIMEOUT_SECONDS + " s");
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for the modules", e);
      }
    }
  }

  private boolean behind() {
    return meters.find("anserv.module.lag.events").gauges().stream().anyMatch(g -> g.value() > 0)
        || meters.find("anserv.module.queue.depth").gauges().stream().anyMatch(g -> g.value() > 0);
  }

  /** Calls query {@code name} of {@code module} without parameters and returns its JSON value. */
  public Object query(String module, String name) {
    return query(module, name, Map.of());
  }

  /**
   * Calls query {@code name} of {@code module} and returns its JSON value.
   *
   * @throws CallFailedException with the status and message the module's caller would get
   */
  public Object query(String module, String name, Map<String, String> params) {
    return call(module, CallRequest.query(name, params)).getValue("result");
  }

  /** Renders view {@code name} of {@code module} and returns its HTML. */
  public String view(String module, String name, Map<String, String> params) {
    return call(module, CallRequest.view(name, params)).getString("html");
  }

  /** The schema of every deployed module and every module that failed, as {@code GET /schema} shows it. */
  public JsonObject schema() {
    return runtime.registry().schema();
  }

  /** The module runtime, for tests that need more than this kit offers. */
  public ModuleRuntime runtime() {
    return runtime;
  }

  /** Documents of a collection of {@code module}'s database, for assertions on stored state. */
  public JsonArray documents(String module, String collection) {
    return new JsonArray(new ArrayList<>(await(runtime.databases().readOnly(module).readCollection(collection)
        .find(new JsonObject()))));
  }

  @Override
  public void close() {
    try {
      await(runtime.close().eventually(log::close).eventually(vertx::close));
    } finally {
      mongo.close();
      deleteQuietly(logDirectory);
    }
  }

  private JsonObject call(String module, JsonObject request) {
    try {
      return await(runtime.calls().request(module, request, options()));
    } catch (ReplyException e) {
      throw new CallFailedException(e.failureCode(), e.getMessage());
    }
  }

  private static DeliveryOptions options() {
    return new DeliveryOptions().setSendTimeout(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(TIMEOUT_SECONDS + 5, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Timed out after " + TIMEOUT_SECONDS + " s", e);
    }
  }
}
