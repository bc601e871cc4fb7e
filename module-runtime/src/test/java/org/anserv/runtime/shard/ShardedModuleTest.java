package org.anserv.runtime.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.junit5.VertxExtension;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.anserv.api.Access;
import org.anserv.api.Db;
import org.anserv.api.Event;
import org.anserv.api.EventHandler;
import org.anserv.api.FileStore;
import org.anserv.api.Merge;
import org.anserv.api.Module;
import org.anserv.api.Origin;
import org.anserv.api.Param;
import org.anserv.api.Queries;
import org.anserv.api.Query;
import org.anserv.api.Scope;
import org.anserv.runtime.ModuleRuntime;
import org.anserv.runtime.RuntimeSettings;
import org.anserv.runtime.access.Caller;
import org.anserv.runtime.access.Role;
import org.anserv.runtime.bus.Addresses;
import org.anserv.runtime.bus.EventBatch;
import org.anserv.runtime.call.CallRequest;
import org.anserv.runtime.deploy.MissingSql;
import org.anserv.runtime.deploy.ModuleDiscovery.Candidate;
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
 * A module of student scope split into four shards on one node: each shard handles only its students' events in a
 * database of its own, calls naming a student reach that student's shard, and a query naming none sums all shards.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShardedModuleTest {

  private static final int SHARDS = 4;

  private Vertx vertx;
  private EmbeddedMongo mongo;
  private ModuleRuntime runtime;
  private LocalEventLog log;

  /** Counts events per student; each shard holds the students whose name hashes to it. */
  @Module(name = "per-student", scope = Scope.STUDENT)
  public static class PerStudent {

    @EventHandler
    public Future<Void> count(Event event, Db db) {
      return db.collection("students").increment(new JsonObject().put("_id", event.username().orElse("")),
          "events", 1);
    }

    @Query(access = Access.STUDENT)
    public Future<Long> events(@Param("user") String user, Db db) {
      return db.collection("students").findOne(new JsonObject().put("_id", user))
          .map(doc -> doc == null ? 0L : doc.getLong("events"));
    }

    @Query
    public Future<String> card(@Param("user") String user, FileStore files) {
      return files.save("card-" + user + ".txt", "text/plain", Buffer.buffer("card of " + user), null);
    }

    @Query(merge = Merge.SUM)
    public Future<JsonObject> totals(Db db) {
      return db.collection("students").find(new JsonObject()).map(docs -> new JsonObject()
          .put("events", docs.stream().mapToLong(d -> d.getLong("events")).sum())
          .put("students", new JsonArray(docs.stream().map(d -> d.getString("_id")).sorted().toList())));
    }
  }

  /** A global module asking the sharded one, as modules reach each other. */
  @Module(name = "asker")
  public static class Asker {

    @Query
    public Future<Object> ask(@Param("user") String user, Queries queries) {
      return queries.call("per-student", "events", Map.of("user", user));
    }
  }

  @BeforeEach
  void start(Vertx vertx, @TempDir Path logDir) throws Exception {
    this.vertx = vertx;
    mongo = EmbeddedMongo.inMemory();
    log = LocalEventLog.open(LocalLogOptions.defaults(logDir).withDurability(Durability.PROCESS), vertx, null);
    RuntimeSettings settings = RuntimeSettings.fromConfig(new JsonObject().put("mongo.uri", mongo.connectionString())
        .put("mongo.prefix", "shard_").put("modules.shards", SHARDS).put("modules.timeout.ms", 5_000));
    runtime = await(ModuleRuntime.start(vertx, settings, log, new MissingSql(), new SimpleMeterRegistry()));
  }

  @AfterEach
  void stop() {
    await(runtime.close());
    await(log.close());
    mongo.close();
  }

  @Test
  void eachShardCountsItsOwnStudentsAndCallsReachTheRightShard() throws Exception {
    List<String> deployed = await(runtime.deploy(List.of(
        candidate(PerStudent.class), candidate(Asker.class)), false));
    assertThat(deployed).containsExactlyInAnyOrder("per-student#0of4", "per-student#1of4", "per-student#2of4",
        "per-student#3of4", "asker");

    Map<String, Long> truth = new TreeMap<>();
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String user = "student" + (i % 23);
      truth.merge(user, 1L, Long::sum);
      JsonObject raw = new JsonObject().put("event_type", "play_video").put("username", user).put("seq", i);
      events.add(Event.of(EventIds.of(raw).toString(), raw, Origin.EXTERNAL));
    }
    JsonObject report = await(vertx.eventBus().<JsonObject>request(Addresses.SUBMIT, new EventBatch(events, true)))
        .body();
    assertThat(report.getInteger("failed")).isZero();

    for (Map.Entry<String, Long> student : truth.entrySet()) {
      assertThat(query("events", Map.of("user", student.getKey()), null)).isEqualTo(student.getValue());
      assertThat(await(runtime.calls().request("asker", CallRequest.query("ask", Map.of("user", student.getKey())),
          options())).getValue("result")).isEqualTo(student.getValue());
    }
    JsonObject totals = (JsonObject) query("totals", Map.of(), null);
    assertThat(totals.getLong("events")).isEqualTo(200L);
    assertThat(totals.getJsonArray("students").getList()).containsExactlyInAnyOrderElementsOf(truth.keySet());

    // each shard's database holds exactly the students that hash to it
    for (int shard = 0; shard < SHARDS; shard++) {
      int index = shard;
      List<String> expected = truth.keySet().stream().filter(u -> Shard.indexOf(u, SHARDS) == index).toList();
      assertThat(expected).as("23 students over 4 shards leave none empty").isNotEmpty();
      String database = runtime.databases().databaseName(new Shard(shard, SHARDS).instance("per-student"));
      assertThat(studentsIn(database)).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void aStudentCallingWithoutTheKeyIsRoutedToTheirOwnShardAndOthersMustNameIt() {
    await(runtime.deploy(List.of(candidate(PerStudent.class)), false));
    JsonObject raw = new JsonObject().put("event_type", "page_view").put("username", "zoe");
    await(vertx.eventBus().request(Addresses.SUBMIT, new EventBatch(List.of(Event.of(EventIds.of(raw).toString(),
        raw, Origin.EXTERNAL)), true)));

    Caller zoe = new Caller("zoe", Role.STUDENT, Set.of());
    assertThat(query("events", Map.of(), zoe)).isEqualTo(1L);
    assertThatThrownBy(() -> query("events", Map.of(), null)).isInstanceOf(ReplyException.class)
        .satisfies(e -> assertThat(((ReplyException) e).failureCode()).isEqualTo(400))
        .hasMessageContaining("needs parameter 'user'").hasMessageContaining("split by student into 4 shards");
  }

  @Test
  void aShardsFileIsServedUnderAUrlThatNamesItsShard() {
    await(runtime.deploy(List.of(candidate(PerStudent.class)), false));
    String url = (String) query("card", Map.of("user", "zoe"), null);
    String shard = new Shard(Shard.indexOf("zoe", SHARDS), SHARDS).instance("per-student");
    assertThat(url).isEqualTo("/files/" + shard.replace("#", "%23") + "/card-zoe.txt");
    String decoded = URLDecoder.decode(url.split("/")[2], StandardCharsets.UTF_8);
    assertThat(await(vertx.eventBus().<Buffer>request(Addresses.moduleFiles(decoded), "card-zoe.txt")).body())
        .hasToString("card of zoe");
  }

  @Test
  void theListingShowsTheModuleOnceWithItsShards() {
    await(runtime.deploy(List.of(candidate(PerStudent.class)), false));
    JsonArray modules = runtime.registry().schema().getJsonArray("modules");
    assertThat(modules).hasSize(1);
    JsonObject module = modules.getJsonObject(0);
    assertThat(module.getString("scope")).isEqualTo("student");
    assertThat(module.getJsonObject("shards").getInteger("count")).isEqualTo(SHARDS);
    assertThat(module.getJsonObject("shards").getJsonArray("running").getList()).containsExactlyInAnyOrder(0, 1, 2,
        3);
    assertThat(runtime.registry().instances()).hasSize(SHARDS);
  }

  private Object query(String name, Map<String, String> params, Caller caller) {
    JsonObject request = CallRequest.query(name, params);
    if (caller != null) {
      CallRequest.onBehalfOf(request, caller);
    }
    return await(runtime.calls().request("per-student", request, options())).getValue("result");
  }

  private static Candidate candidate(Class<?> type) {
    return new Candidate(type.getName(), type.getClassLoader(), "test");
  }

  private static DeliveryOptions options() {
    return new DeliveryOptions().setSendTimeout(10_000);
  }

  private List<String> studentsIn(String database) {
    MongoClient client = MongoClient.create(vertx, new JsonObject().put("connection_string", mongo.connectionString())
        .put("db_name", database));
    try {
      return await(client.find("students", new JsonObject())).stream().map(d -> d.getString("_id")).toList();
    } finally {
      client.close();
    }
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("timed out", e);
    }
  }
}
