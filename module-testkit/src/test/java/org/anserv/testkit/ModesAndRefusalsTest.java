package org.anserv.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.anserv.api.Db;
import org.anserv.api.Delivery;
import org.anserv.api.Event;
import org.anserv.api.EventHandler;
import org.anserv.api.Module;
import org.anserv.api.Param;
import org.anserv.api.Query;
import org.anserv.api.QueryFailure;
import org.junit.jupiter.api.Test;

/** The kit waits for every delivery mode; a module can refuse a request with 400/404; distinct works. */
class ModesAndRefusalsTest {

  @Module(name = "modes")
  public static class Modes {
    private int queued;
    private int batched;

    @EventHandler(delivery = Delivery.QUEUED)
    public Future<String> remember(Event event, Db db) {
      queued++;
      return db.collection("seen").insert(new JsonObject().put("user", event.username().orElse("")));
    }

    @EventHandler(delivery = Delivery.BATCHED, batchSize = 100, batchSeconds = 1)
    public void inBatches(List<Event> events) {
      batched += events.size();
    }

    @Query
    public JsonObject counts() {
      return new JsonObject().put("queued", queued).put("batched", batched);
    }

    @Query
    public Future<JsonArray> users(Db db) {
      return db.collection("seen").distinct("user", new JsonObject());
    }

    @Query
    public String course(@Param("course") String course) {
      if (!course.startsWith("course-v1:")) {
        throw new QueryFailure(404, "No course named '" + course + "' has been seen.");
      }
      return course;
    }
  }

  @Test
  void feedWaitsForQueuedAndBatchedHandlers() {
    try (ModuleTestKit kit = ModuleTestKit.start(Modes.class)) {
      kit.feed(new JsonObject().put("event_type", "a").put("username", "ann"),
          new JsonObject().put("event_type", "b").put("username", "bob"),
          new JsonObject().put("event_type", "c").put("username", "ann"));

      assertThat(kit.query("modes", "counts")).isEqualTo(new JsonObject().put("queued", 3).put("batched", 3));
      assertThat(((JsonArray) kit.query("modes", "users")).getList()).containsExactlyInAnyOrder("ann", "bob");
    }
  }

  @Test
  void aModuleRefusesWithItsOwnStatusAndMessage() {
    try (ModuleTestKit kit = ModuleTestKit.start(Modes.class)) {
      assertThatThrownBy(() -> kit.query("modes", "course", Map.of("course", "nope")))
          .isInstanceOfSatisfying(CallFailedException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.getMessage()).isEqualTo("404: No course named 'nope' has been seen.");
          });
    }
  }
}
