package org.anserv.runtime.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.anserv.api.Collection;
import org.anserv.api.Db;
import org.anserv.api.Event;
import org.anserv.api.EventHandler;
import org.anserv.api.From;
import org.anserv.api.Module;
import org.anserv.api.Origin;
import org.anserv.api.Queries;
import org.anserv.api.Query;
import org.anserv.api.ReadOnlyCollection;
import org.anserv.api.ReadOnlyDb;
import org.anserv.api.Sql;
import org.anserv.runtime.ModuleRuntime;
import org.anserv.runtime.RuntimeSettings;
import org.anserv.runtime.bus.Addresses;
import org.anserv.runtime.bus.EventBatch;
import org.anserv.runtime.call.CallRequest;
import org.anserv.runtime.log.local.Durability;
import org.anserv.runtime.log.local.LocalEventLog;
import org.anserv.runtime.log.local.LocalLogOptions;
import org.anserv.runtime.route.EventIds;
import org.anserv.runtime.store.EmbeddedMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A module given another module's database, or the SQL replica, cannot write through the handle by any method it
 * offers or by casting it; and module code that reaches the Vert.x instance cannot use the runtime's private
 * event-bus addresses. Each attempt is made from inside a deployed module, as a hostile author would.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReadOnlyAccessTest {

  private Vertx vertx;
  private EmbeddedMongo mongo;
  private ModuleRuntime runtime;
  private LocalEventLog log;

  @BeforeEach
  void start(Vertx vertx, @TempDir Path logDir) throws Exception {
    this.vertx = vertx;
    mongo = EmbeddedMongo.inMemory();
    log = LocalEventLog.open(LocalLogOptions.defaults(logDir).withDurability(Durability.PROCESS), vertx, null);
    RuntimeSettings settings = RuntimeSettings.fromConfig(new JsonObject().put("modules.timeout.ms", 5_000))
        .withMongo(mongo.connectionString());
    runtime = await(ModuleRuntime.start(vertx, settings, log, new MissingSql(), new SimpleMeterRegistry()));
    await(runtime.deploy(Victim.class));
    await(runtime.deploy(Intruder.class));
    await(vertx.eventBus().request(Addresses.SUBMIT, new EventBatch(List.of(event("seen")), true)));
  }

  @AfterEach
  void stop() {
    await(runtime.close());
    await(log.close());
    mongo.close();
  }

  @Module(name = "victim")
  public static class Victim {
    @EventHandler
    public Future<Void> count(Event event, Db db) {
      return db.collection("events").insert(new JsonObject().put("type", event.type())).mapEmpty();
    }

    @Query
    public Future<Long> total(Db db) {
      return db.collection("events").count(new JsonObject());
    }

    @Query
    public Future<Long> rows(Db db) {
      return db.collection("stolen").count(new JsonObject());
    }
  }

  @Module(name = "intruder")
  public static class Intruder {

    @Query
    public JsonObject castDb(@From("victim") ReadOnlyDb other) {
      return new JsonObject().put("isDb", other instanceof Db)
          .put("isCollection", other.readCollection("events") instanceof Collection)
          .put("classPublic", Modifier.isPublic(other.getClass().getModifiers()))
          .put("collectionClassPublic", Modifier.isPublic(other.readCollection("events").getClass().getModifiers()));
    }

    @Query
    public Future<String> aggregateOut(@From("victim") ReadOnlyDb other, @org.anserv.api.Param("stage") String stage) {
      JsonArray pipeline = new JsonArray().add(new JsonObject().put("$match", new JsonObject()))
          .add(new JsonObject().put(stage, "stolen"));
      return other.readCollection("events").aggregate(pipeline).map(rows -> "wrote")
          .recover(cause -> Future.succeededFuture(cause.getMessage()));
    }

    @Query
    public JsonArray handleMethods(@From("victim") ReadOnlyDb other, Sql sql, Queries queries) {
      JsonArray exposed = new JsonArray();
      for (Object handle : List.of(other, other.readCollection("events"), sql, queries)) {
        for (Method method : handle.getClass().getMethods()) {
          if (method.getDeclaringClass() != Object.class) {
            exposed.add(handle.getClass().getInterfaces()[0].getSimpleName() + "." + method.getName() + " -> "
                + method.getReturnType().getName());
          }
        }
      }
      return exposed;
    }

    @Query
    public JsonObject sqlHandle(Sql sql) {
      return new JsonObject().put("class", sql.getClass().getName())
          .put("closeable", List.of(sql.getClass().getMethods()).stream().anyMatch(m -> m.getName().equals("close")));
    }

    @Query
    public Future<JsonArray> busAttempts() {
      var bus = Vertx.currentContext().owner().eventBus();
      DeliveryOptions fast = new DeliveryOptions().setSendTimeout(2_000);
      List<Future<String>> attempts = new ArrayList<>();
      attempts.add(outcome(bus.request("anserv.runtime.rebuild", "victim", fast)));
      attempts.add(outcome(bus.request("anserv.module.victim.call", new JsonObject().put("kind", "view")
          .put("name", "x"), fast)));
      attempts.add(outcome(bus.request("anserv.module.victim.events", new JsonObject(), fast)));
      attempts.add(outcome(bus.request("anserv.registry.register", new JsonObject().put("name", "victim"), fast)));
      JsonObject forged = new JsonObject().put("event_type", "forged");
      attempts.add(outcome(bus.request("anserv.events.submit", new EventBatch(List.of(Event.of(
          EventIds.of(forged).toString(), forged, Origin.EXTERNAL)), false), fast)));
      bus.publish("anserv.events", new JsonObject());
      attempts.add(outcome(bus.request("anserv.module.victim.call", new JsonObject().put("kind", "query")
          .put("name", "total").put("params", new JsonObject()), fast)));
      return Future.join(attempts).map(all -> new JsonArray(attempts.stream().map(Future::result).toList()));
    }

    private static Future<String> outcome(Future<?> request) {
      return request.map(reply -> "ok").recover(cause -> Future.succeededFuture(cause.getMessage()));
    }
  }

  @Test
  void anotherModulesDatabaseIsNeitherADbNorReachableByCastingItsHiddenClass() {
    assertThat(query("cast-db", Map.of())).isEqualTo(new JsonObject().put("isDb", false).put("isCollection", false)
        .put("classPublic", false).put("collectionClassPublic", false));
  }

  @Test
  void aggregationsThatWouldWriteAreRefusedWithTheReasonAndWriteNothing() {
    for (String stage : List.of("$out", "$merge")) {
      assertThat(query("aggregate-out", Map.of("stage", stage))).isEqualTo("Collection 'events' is read-only here:"
          + " an aggregation with $out or $merge would write; run it in the module that owns the database.");
    }
    assertThat(call("victim", "rows")).isEqualTo(0L);
  }

  @Test
  void noMethodOfAReadOnlyHandleReturnsADriverOrAWritableObject() {
    JsonArray methods = (JsonArray) query("handle-methods", Map.of());
    Set<String> allowedReturns = Set.of("java.lang.String", "io.vertx.core.Future",
        "org.anserv.api.ReadOnlyCollection");
    assertThat(methods).isNotEmpty();
    for (Object method : methods) {
      assertThat(((String) method).substring(((String) method).indexOf(" -> ") + 4)).as((String) method)
          .isIn(allowedReturns);
    }
  }

  @Test
  void theSqlHandleIsOnlyItsQueryMethodSoTheSharedPoolCannotBeClosedThroughIt() {
    JsonObject handle = (JsonObject) query("sql-handle", Map.of());
    assertThat(handle.getBoolean("closeable")).isFalse();
    assertThat(handle.getString("class")).doesNotContain("ReadOnlySql");
  }

  @Test
  void moduleCodeCannotUseTheRuntimesPrivateAddressesButMayQueryOtherModules() {
    JsonArray outcomes = (JsonArray) query("bus-attempts", Map.of());
    String through = " modules reach each other only through Queries and Emitter. Refused.";
    assertThat(outcomes.getList()).containsExactly(
        "Module 'intruder' may not send to 'anserv.runtime.rebuild':" + through,
        "Module 'intruder' may not send to 'anserv.module.victim.call':" + through,
        "Module 'intruder' may not send to 'anserv.module.victim.events':" + through,
        "Module 'intruder' may not send to 'anserv.registry.register':" + through,
        "Module 'intruder' may submit only events it emits itself, through its Emitter; refused.",
        "ok");
    assertThat(call("victim", "total")).isEqualTo(1L);
  }

  private Object query(String name, Map<String, String> params) {
    return await(vertx.eventBus().<JsonObject>request(Addresses.moduleCall("intruder"), CallRequest.query(name, params),
        new DeliveryOptions().setSendTimeout(10_000))).body().getValue("result");
  }

  private Object call(String module, String name) {
    return await(vertx.eventBus().<JsonObject>request(Addresses.moduleCall(module), CallRequest.query(name, Map.of()),
        new DeliveryOptions().setSendTimeout(10_000))).body().getValue("result");
  }

  private static Event event(String type) {
    JsonObject raw = new JsonObject().put("event_type", type).put("username", "ann");
    return Event.of(EventIds.of(raw).toString(), raw, Origin.EXTERNAL);
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("timed out", e);
    }
  }
}
