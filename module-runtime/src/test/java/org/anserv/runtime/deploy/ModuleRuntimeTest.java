package org.anserv.runtime.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.anserv.api.Cron;
import org.anserv.api.Db;
import org.anserv.api.Emitter;
import org.anserv.api.Event;
import org.anserv.api.EventHandler;
import org.anserv.api.From;
import org.anserv.api.Memoize;
import org.anserv.api.Module;
import org.anserv.api.Origin;
import org.anserv.api.Param;
import org.anserv.api.Queries;
import org.anserv.api.Query;
import org.anserv.api.ReadOnlyDb;
import org.anserv.api.Sql;
import org.anserv.runtime.ModuleRuntime;
import org.anserv.runtime.RuntimeSettings;
import org.anserv.runtime.bus.Addresses;
import org.anserv.runtime.bus.EventBatch;
import org.anserv.runtime.bus.LiveBatch;
import org.anserv.runtime.bus.LoggedEvent;
import org.anserv.runtime.call.CallRequest;
import org.anserv.runtime.log.AppendResult;
import org.anserv.runtime.route.EventIds;
import org.anserv.runtime.route.LogCodec;
import org.anserv.runtime.store.EmbeddedMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import org.anserv.runtime.log.local.Durability;
import org.anserv.runtime.log.local.LocalEventLog;
import org.anserv.runtime.log.local.LocalLogOptions;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ModuleRuntimeTest {

  private Vertx vertx;
  private EmbeddedMongo mongo;
  private ModuleRuntime runtime;
  private LocalEventLog log;

  @BeforeEach
  void start(Vertx vertx, @TempDir Path logDir) throws Exception {
    this.vertx = vertx;
    mongo = EmbeddedMongo.inMemory();
    log = LocalEventLog.open(LocalLogOptions.defaults(logDir).withDurability(Durability.PROCESS), vertx, null);
    RuntimeSettings settings = new RuntimeSettings(mongo.connectionString(), "test_", 5_000, 10_000, 3, "");
    runtime = await(ModuleRuntime.start(vertx, settings, log, new MissingSql(), new SimpleMeterRegistry()));
  }

  @AfterEach
  void stop() {
    await(runtime.close());
    await(log.close());
    mongo.close();
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("timed out", e);
    }
  }

  private static Event event(String type) {
    JsonObject raw = new JsonObject().put("event_type", type).put("username", "ann");
    return Event.of(EventIds.of(raw).toString(), raw, Origin.EXTERNAL);
  }

  private JsonObject deliverNow(Event... events) {
    return await(vertx.eventBus().<JsonObject>request(Addresses.SUBMIT, new EventBatch(List.of(events), true)))
        .body();
  }

  private void publish(Event... events) {
    await(vertx.eventBus().request(Addresses.SUBMIT, new EventBatch(List.of(events), false)));
  }

  private Object query(String module, String name, Map<String, String> params) {
    return await(vertx.eventBus().<JsonObject>request(Addresses.moduleCall(module), CallRequest.query(name, params),
        new DeliveryOptions().setSendTimeout(10_000))).body().getValue("result");
  }

  private void eventually(Runnable assertion) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(20);
      }
    }
  }

  @Module(name = "serial")
  public static class Serial {
    private int inFlight;
    private int overlaps;
    private int handled;

    @EventHandler
    public Future<Void> slow(Event event) {
      if (inFlight++ > 0) {
        overlaps++;
      }
      Promise<Void> done = Promise.promise();
      Vertx.currentContext().owner().setTimer(2, t -> {
        inFlight--;
        handled++;
        done.complete();
      });
      return done.future();
    }

    @Query
    public JsonObject stats() {
      return new JsonObject().put("handled", handled).put("overlaps", overlaps);
    }
  }

  @Test
  void callsHandlersOneAtATimeEvenWhenTheyCompleteLater() throws Exception {
    await(runtime.deploy(Serial.class));
    for (int i = 0; i < 40; i++) {
      publish(event("e" + i));
    }
    eventually(() -> assertThat(((JsonObject) query("serial", "stats", Map.of())).getInteger("handled"))
        .isEqualTo(40));
    assertThat(((JsonObject) query("serial", "stats", Map.of())).getInteger("overlaps")).isZero();
  }

  @Module(name = "memo")
  public static class Memo {
    private final AtomicInteger calls = new AtomicInteger();

    @Query
    @Memoize(1)
    public Boolean falsy(@Param(value = "key", defaultValue = "a") String key) {
      calls.incrementAndGet();
      return false;
    }

    @Query
    @Memoize(1)
    public Object nothing() {
      calls.incrementAndGet();
      return null;
    }

    @Query
    public int calls() {
      return calls.get();
    }
  }

  @Test
  void memoizeKeepsFalsyAndNullResultsForItsTimeThenRecomputes() throws Exception {
    await(runtime.deploy(Memo.class));
    assertThat(query("memo", "falsy", Map.of())).isEqualTo(false);
    assertThat(query("memo", "falsy", Map.of("key", "a"))).isEqualTo(false);
    assertThat(query("memo", "nothing", Map.of())).isNull();
    assertThat(query("memo", "nothing", Map.of())).isNull();
    assertThat(query("memo", "calls", Map.of())).isEqualTo(2);

    query("memo", "falsy", Map.of("key", "b"));
    assertThat(query("memo", "calls", Map.of())).isEqualTo(3);

    Thread.sleep(1_100);
    query("memo", "falsy", Map.of());
    query("memo", "nothing", Map.of());
    assertThat(query("memo", "calls", Map.of())).isEqualTo(5);
  }

  @Module(name = "ticker")
  public static class Ticker {
    private int ticks;

    @Cron(every = "50ms")
    public void tick() {
      ticks++;
    }

    @Query
    public int ticks() {
      return ticks;
    }
  }

  @Test
  void runsCronMethodsOnTheirInterval() throws Exception {
    await(runtime.deploy(Ticker.class));
    eventually(() -> assertThat((Integer) query("ticker", "ticks", Map.of())).isGreaterThanOrEqualTo(3));
  }

  @Module(name = "thrower")
  public static class Thrower {
    @EventHandler
    public void boom(Event event) {
      throw new IllegalStateException("boom on " + event.type());
    }

    @Query
    public long broken() {
      throw new IllegalStateException("no answer");
    }
  }

  @Module(name = "counter")
  public static class Counter {
    @EventHandler
    public Future<Void> count(Event event, Db db) {
      return db.collection("events").insert(new JsonObject().put("type", event.type())).mapEmpty();
    }

    @Query
    public Future<Long> total(Db db) {
      return db.collection("events").count(new JsonObject());
    }
  }

  @Test
  void aThrowingModuleFailsOnlyItsOwnCallsAndIsReported() {
    await(runtime.deploy(Thrower.class));
    await(runtime.deploy(Counter.class));

    JsonObject report = deliverNow(event("a"), event("b"));

    assertThat(report.getInteger("accepted")).isEqualTo(2);
    assertThat(report.getInteger("failed")).isEqualTo(2);
    JsonArray handlers = report.getJsonArray("handlers");
    JsonObject thrower = find(handlers, "thrower");
    assertThat(thrower.getInteger("failed")).isEqualTo(2);
    assertThat(thrower.getJsonArray("errors").getJsonObject(0).getString("error"))
        .isEqualTo("Module 'thrower' failed in Thrower.boom(Event): IllegalStateException: boom on a");
    assertThat(find(handlers, "counter").getInteger("failed")).isZero();
    assertThat(query("counter", "total", Map.of())).isEqualTo(2L);
    assertThatThrownBy(() -> query("thrower", "broken", Map.of()))
        .isInstanceOfSatisfying(ReplyException.class, e -> {
          assertThat(e.failureCode()).isEqualTo(500);
          assertThat(e.getMessage()).isEqualTo("Module 'thrower' failed in Thrower.broken(): IllegalStateException:"
              + " no answer");
        });
  }

  private static JsonObject find(JsonArray handlers, String module) {
    return handlers.stream().map(JsonObject.class::cast).filter(h -> h.getString("module").equals(module))
        .findFirst().orElseThrow();
  }

  @Module(name = "videos")
  public static class VideosOnly {
    private final List<String> seen = new ArrayList<>();

    @EventHandler(types = {"play_video", "edx.video."})
    public void video(Event event) {
      seen.add(event.type());
    }

    @Query
    public List<String> seen() {
      return seen;
    }
  }

  @Test
  void aFilteredHandlerSeesOnlyItsEvents() {
    await(runtime.deploy(VideosOnly.class));
    deliverNow(event("problem_check"), event("play_video"), event("edx.video.paused"), event("seq_goto"));
    assertThat(((JsonArray) query("videos", "seen", Map.of())).getList())
        .containsExactly("play_video", "edx.video.paused");
  }

  @Module(name = "echo")
  public static class Echo {
    @EventHandler(types = {"ping", "loop"})
    public Future<Void> answer(Event event, Emitter emitter) {
      String reply = event.type().equals("ping") ? "pong" : "loop";
      return emitter.emit(new JsonObject().put("event_type", reply));
    }
  }

  @Module(name = "pongs")
  public static class Pongs {
    private final List<String> origins = new ArrayList<>();
    private int loops;

    @EventHandler(types = "pong")
    public void pong(Event event) {
      origins.add(event.origin().emittingModule().orElse("") + "@" + event.origin().hops());
    }

    @EventHandler(types = "loop")
    public void loop(Event event) {
      loops++;
    }

    @Query
    public JsonObject seen() {
      return new JsonObject().put("pongs", new JsonArray(origins)).put("loops", loops);
    }
  }

  @Test
  void emittedEventsReachOtherModulesMarkedWithTheirEmitterAndCyclesStop() throws Exception {
    await(runtime.deploy(Echo.class));
    await(runtime.deploy(Pongs.class));

    deliverNow(event("ping"));
    eventually(() -> assertThat(((JsonObject) query("pongs", "seen", Map.of())).getJsonArray("pongs"))
        .containsExactly("echo@1"));

    deliverNow(event("loop"));
    // Hops 0 (outside) to 3 (the limit) are delivered; the emit at hop 4 is refused.
    eventually(() -> assertThat(((JsonObject) query("pongs", "seen", Map.of())).getInteger("loops")).isEqualTo(4));
    Thread.sleep(200);
    assertThat(((JsonObject) query("pongs", "seen", Map.of())).getInteger("loops")).isEqualTo(4);
  }

  @Module(name = "reader")
  public static class Reader {
    @Query
    public Future<JsonObject> peek(@From("counter") ReadOnlyDb counter, Queries queries) {
      Future<Long> direct = counter.readCollection("events").count(new JsonObject());
      Future<Object> viaQuery = queries.call("counter", "total", Map.of());
      Future<String> writeAttempt = counter.readCollection("events")
          .aggregate(new JsonArray().add(new JsonObject().put("$out", "stolen")))
          .map(r -> "written").otherwise(Throwable::getMessage);
      return Future.all(direct, viaQuery, writeAttempt).map(all -> new JsonObject()
          .put("direct", direct.result()).put("query", viaQuery.result())
          .put("isWritable", counter instanceof Db).put("write", writeAttempt.result()));
    }
  }

  @Test
  void readsAnotherModulesDatabaseReadOnlyAndCallsItsQueries() {
    await(runtime.deploy(Counter.class));
    await(runtime.deploy(Reader.class));
    deliverNow(event("a"), event("b"), event("c"));

    JsonObject peek = (JsonObject) query("reader", "peek", Map.of());

    assertThat(peek.getLong("direct")).isEqualTo(3L);
    assertThat(peek.getLong("query")).isEqualTo(3L);
    assertThat(peek.getBoolean("isWritable")).isFalse();
    assertThat(peek.getString("write")).isEqualTo("Collection 'events' is read-only here: an aggregation with $out"
        + " or $merge would write; run it in the module that owns the database.");
  }

  @Module(name = "replica-reader")
  public static class ReplicaReader {
    @Query
    public Future<List<JsonObject>> enrolled(Sql sql) {
      return sql.query("SELECT user_id FROM student_courseenrollment");
    }
  }

  @Test
  void aQueryNeedingTheSqlReplicaWhenNoneIsConfiguredIsUnavailableNotAModuleFailure() {
    await(runtime.deploy(ReplicaReader.class));

    assertThatThrownBy(() -> query("replica-reader", "enrolled", Map.of()))
        .isInstanceOfSatisfying(ReplyException.class, e -> {
          assertThat(e.failureCode()).isEqualTo(503);
          assertThat(e.getMessage()).startsWith("No SQL read-replica is configured")
              .contains("sql.host", "sql.embedded=true");
        });
  }

  @Test
  void answersUnknownQueriesAndBadParametersWithTheirCodes() {
    await(runtime.deploy(Memo.class));
    assertThatThrownBy(() -> query("memo", "nope", Map.of()))
        .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.failureCode()).isEqualTo(404));
    await(runtime.deploy(Counter.class));
    assertThat(runtime.registry().instances()).containsExactly("counter", "memo");
  }

  @Test
  void storesAndDeliversADuplicatedEventOnce() {
    await(runtime.deploy(Counter.class));
    JsonObject first = deliverNow(event("a"), event("a"), event("b"));
    JsonObject retry = deliverNow(event("a"));

    assertThat(first.getInteger("duplicates")).isEqualTo(1);
    assertThat(retry.getInteger("duplicates")).isEqualTo(1);
    assertThat(query("counter", "total", Map.of())).isEqualTo(2L);
  }

  @Module(name = "queued")
  public static class QueuedReader {
    @EventHandler(delivery = org.anserv.api.Delivery.QUEUED)
    public Future<Void> read(Event event, Db db) {
      return db.collection("seen").insert(new JsonObject().put("type", event.type())).mapEmpty();
    }

    @Query
    public Future<List<String>> seen(Db db) {
      return db.collection("seen").find(new JsonObject(), new JsonObject().put("_id", 1), 0)
          .map(docs -> docs.stream().map(d -> d.getString("type")).toList());
    }
  }

  @Test
  void aQueuedHandlerResumesWhereItStoppedAfterItsModuleRestarts() throws Exception {
    await(runtime.deploy(QueuedReader.class));
    publish(event("q1"), event("q2"));
    eventually(() -> assertThat(seen("queued")).containsExactly("q1", "q2"));

    await(runtime.undeploy("queued"));
    publish(event("q3"));
    publish(event("q4"));
    await(runtime.deploy(QueuedReader.class));

    eventually(() -> assertThat(seen("queued")).hasSize(4));
    assertThat(seen("queued")).containsExactlyInAnyOrder("q1", "q2", "q3", "q4");
  }

  @SuppressWarnings("unchecked")
  private List<String> seen(String module) {
    return ((JsonArray) query(module, "seen", Map.of())).getList();
  }

  @Module(name = "batches")
  public static class Batches {
    private final List<Integer> sizes = new ArrayList<>();

    @EventHandler(delivery = org.anserv.api.Delivery.BATCHED, batchSize = 3, batchSeconds = 1)
    public void batch(List<Event> events) {
      sizes.add(events.size());
    }

    @Query
    public List<Integer> sizes() {
      return sizes;
    }
  }

  @Test
  void aBatchedHandlerGetsFullBatchesAndTheRestWhenItsTimeIsUp() throws Exception {
    await(runtime.deploy(Batches.class));
    for (int i = 0; i < 7; i++) {
      publish(event("b" + i));
    }
    eventually(() -> assertThat(((JsonArray) query("batches", "sizes", Map.of())).getList())
        .containsExactly(3, 3, 1));
  }

  @Test
  void aModuleDeployedLateBackfillsTheWholeLogAndARebuildGivesTheSameState() throws Exception {
    for (int i = 0; i < 1_200; i++) {
      publish(event("late" + i));
    }
    await(runtime.deploy(Counter.class));
    eventually(() -> assertThat(query("counter", "total", Map.of())).isEqualTo(1_200L));

    await(runtime.rebuild("counter"));
    eventually(() -> assertThat(query("counter", "total", Map.of())).isEqualTo(1_200L));
    Thread.sleep(300);
    assertThat(query("counter", "total", Map.of())).isEqualTo(1_200L);
  }

  @Test
  void rebuildingAnEmittingModuleDoesNotEmitTwice() throws Exception {
    await(runtime.deploy(Echo.class));
    await(runtime.deploy(Pongs.class));
    deliverNow(event("ping"));
    eventually(() -> assertThat(((JsonObject) query("pongs", "seen", Map.of())).getJsonArray("pongs")).hasSize(1));

    await(runtime.rebuild("echo"));
    Thread.sleep(500);
    assertThat(((JsonObject) query("pongs", "seen", Map.of())).getJsonArray("pongs")).hasSize(1);
  }

  // On Kafka a node's batch may be stored in two parts with another node's batch between them (the producer sent
  // it in two requests), and the nodes' pushes may arrive in either order.
  @Test
  void aRealtimeFeedHandlesTheEventsStoredInsideAPushedBatchsSpanByAnotherNode() throws Exception {
    await(runtime.deploy(Counter.class));
    List<LoggedEvent> firstPart = append(event("a1"), event("a2"));
    List<LoggedEvent> otherNodes = append(event("b1"), event("b2"), event("b3"));
    List<LoggedEvent> secondPart = append(event("a3"));
    List<LoggedEvent> split = new ArrayList<>(firstPart);
    split.addAll(secondPart);

    vertx.eventBus().publish(Addresses.EVENTS, new LiveBatch(split));
    vertx.eventBus().publish(Addresses.EVENTS, new LiveBatch(otherNodes));

    eventually(() -> assertThat(query("counter", "total", Map.of())).isEqualTo(6L));
    Thread.sleep(300);
    assertThat(query("counter", "total", Map.of())).isEqualTo(6L);
  }

  // Appends to the log directly, as another node would, without the router's push.
  private List<LoggedEvent> append(Event... events) {
    List<AppendResult> results = await(log.append(List.of(events).stream().map(LogCodec::entry).toList()));
    List<LoggedEvent> logged = new ArrayList<>();
    for (int i = 0; i < events.length; i++) {
      logged.add(new LoggedEvent(results.get(i).offset(), System.currentTimeMillis(), events[i]));
    }
    return logged;
  }

  @Test
  void aModuleStoppedWhileBusyResumesWithoutCountingTwice() throws Exception {
    for (int i = 0; i < 1_500; i++) {
      publish(event("busy" + i));
    }
    await(runtime.deploy(Counter.class));
    Thread.sleep(150);
    await(runtime.undeploy("counter"));
    await(runtime.deploy(Counter.class));

    eventually(() -> assertThat(query("counter", "total", Map.of())).isEqualTo(1_500L));
    Thread.sleep(300);
    assertThat(query("counter", "total", Map.of())).isEqualTo(1_500L);
  }
}
