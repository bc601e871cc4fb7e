package org.anserv.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import org.anserv.runtime.metrics.ModuleMetrics;
import org.junit.jupiter.api.Test;

/** Reads back what the runtime's own {@link ModuleMetrics} records, so the meter names cannot drift apart. */
class ModuleStatsTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ModuleMetrics metrics = new ModuleMetrics(meters, "m");

  @Test
  void sumsEventsPerHandlerAndOutcome() {
    metrics.handled("h", true, 1, 1);
    metrics.handled("h", true, 1, 10);
    metrics.handled("h", false, 1, 1);
    metrics.handled("g", true, 1, 1);

    ModuleStats stats = ModuleStats.of(meters, "m");

    assertThat(stats.eventsHandled()).isEqualTo(13);
    assertThat(stats.eventsFailed()).isEqualTo(1);
    assertThat(stats.handlers()).extracting(ModuleStats.Count::name, ModuleStats.Count::ok, ModuleStats.Count::failed)
        .containsExactly(tuple("g", 1L, 0L), tuple("h", 11L, 1L));
  }

  @Test
  void blamesTheModuleOnlyForItsOwnFailures() {
    metrics.called("query", "q", "ok", 1);
    metrics.called("query", "q", "bad_request", 1);
    metrics.called("query", "q", "failed", 1);
    metrics.called("view", "q", "refused", 1);
    metrics.cronRun("c", "skipped");
    metrics.cronRun("c", "ok");

    ModuleStats stats = ModuleStats.of(meters, "m");

    assertThat(stats.calls()).isEqualTo(4);
    assertThat(stats.callsFailed()).isEqualTo(2);
    JsonObject query = stats.toJson().getJsonArray("endpoints").getJsonObject(0);
    assertThat(query.encode()).isEqualTo("{\"kind\":\"query\",\"name\":\"q\",\"ok\":1,\"failed\":1,"
        + "\"outcomes\":{\"bad_request\":1,\"failed\":1,\"ok\":1}}");
    assertThat(stats.crons().getFirst().failed()).isZero();
  }

  @Test
  void readsTheQueueDepthAndTheLagOfEveryFeed() {
    metrics.queueDepth(() -> 7);
    metrics.lag("realtime", () -> 3, () -> 1.25);
    metrics.lag("replay", () -> 40, () -> 61.04);

    ModuleStats stats = ModuleStats.of(meters, "m");

    assertThat(stats.queueDepth()).isEqualTo(7);
    assertThat(stats.lagEvents()).isEqualTo(43);
    assertThat(stats.lagSeconds()).isEqualTo(61.0);
  }

  @Test
  void readsZeroForAModuleWithoutMeters() {
    assertThat(ModuleStats.of(meters, "other").toJson().encode()).isEqualTo("{\"module\":\"other\",\"events\":"
        + "{\"handled\":0,\"failed\":0},\"lag\":{\"events\":0,\"seconds\":0.0},\"calls\":{\"total\":0,"
        + "\"failed\":0},\"queueDepth\":0,\"health\":{\"quarantined\":false,\"timeouts\":0,\"restarts\":0},"
        + "\"handlers\":[],\"endpoints\":[],\"crons\":[]}");
  }
}
