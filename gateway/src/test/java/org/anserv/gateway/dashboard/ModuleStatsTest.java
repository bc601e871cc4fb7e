package org.anserv.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;
import org.anserv.runtime.metrics.ModuleMetrics;
import org.junit.jupiter.api.Test;

/** Reads back what the runtime's own {@link ModuleMetrics} records, so the meter names cannot drift apart. */
class ModuleStatsTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ModuleMetrics metrics = new ModuleMetrics(meters, "m");

  @Test
  void sumsEventsPerHandlerAndOutcome() {
    metrics.handled("h", true, 1);
    metrics.handled("h", true, 1);
    metrics.handled("h", false, 1);
    metrics.handled("g", true, 1);
    metrics.refused(5);

    ModuleStats stats = ModuleStats.of(meters, "m");

    assertThat(stats.eventsHandled()).isEqualTo(4);
    assertThat(stats.eventsFailed()).isEqualTo(1);
    assertThat(stats.refused()).isEqualTo(5);
    assertThat(stats.handlers()).extracting(ModuleStats.Count::name, ModuleStats.Count::ok, ModuleStats.Count::failed)
        .containsExactly(tuple("g", 1L, 0L), tuple("h", 2L, 1L));
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
  void readsTheQueueDepthGauge() {
    AtomicInteger depth = new AtomicInteger(7);
    metrics.queueDepth(depth::get);

    assertThat(ModuleStats.of(meters, "m").queueDepth()).isEqualTo(7);
    assertThat(ModuleStats.of(meters, "other").toJson().encode()).isEqualTo("{\"module\":\"other\",\"events\":"
        + "{\"handled\":0,\"failed\":0,\"refused\":0},\"calls\":{\"total\":0,\"failed\":0},\"queueDepth\":0,"
        + "\"handlers\":[],\"endpoints\":[],\"crons\":[]}");
  }
}
