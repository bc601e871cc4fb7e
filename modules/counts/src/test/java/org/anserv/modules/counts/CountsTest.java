package org.anserv.modules.counts;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.anserv.testkit.ModuleTestKit;
import org.anserv.testkit.ViewCharts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CountsTest {

  private ModuleTestKit kit;

  @BeforeEach
  void start() {
    kit = ModuleTestKit.start(Counts.class);
  }

  @AfterEach
  void stop() {
    kit.close();
  }

  private static JsonObject event(String user, String type) {
    JsonObject event = new JsonObject().put("event_type", type).put("event_source", "server")
        .put("time", "2024-05-01T10:00:00.000000+00:00");
    return user == null ? event : event.put("username", user);
  }

  @Test
  void countsEventsInTotalAndPerUser() {
    kit.feed(event("ann", "play_video"), event("ann", "problem_check"), event("bob", "seq_goto"), event(null, "/"));

    assertThat(kit.query("counts", "total")).isEqualTo(4L);
    assertThat(kit.query("counts", "user", Map.of("user", "ann"))).isEqualTo(2L);
    assertThat(kit.query("counts", "user", Map.of("user", "bob"))).isEqualTo(1L);
    assertThat(kit.query("counts", "user", Map.of("user", "nobody"))).isEqualTo(0L);
  }

  @Test
  void ranksUsersByEvents() {
    kit.feed(event("ann", "a"), event("bob", "a"), event("bob", "b"), event("cid", "a"));

    JsonArray top = (JsonArray) kit.query("counts", "top", Map.of("limit", "2"));

    assertThat(top).containsExactly(new JsonObject().put("user", "bob").put("events", 2L),
        new JsonObject().put("user", "ann").put("events", 1L));
  }

  @Test
  void overviewShowsTotalsWithUsernamesEscaped() {
    kit.feed(event("<script>x</script>", "a"));

    String html = kit.view("counts", "overview", Map.of());

    assertThat(html).contains("<strong>1</strong>").contains("&lt;script&gt;x&lt;/script&gt;")
        .doesNotContain("<script>");
  }

  @Test
  void overviewDeclaresABarChartOfTheTopUsersAsEscapedJson() {
    kit.feed(event("ann", "a"), event("ann", "b"), event("<b>bob</b>", "a"));

    String html = kit.view("counts", "overview", Map.of());

    JsonObject chart = ViewCharts.first(html);
    assertThat(chart.getString("type")).isEqualTo("bar");
    assertThat(chart.getJsonObject("data").getJsonArray("labels")).containsExactly("ann", "<b>bob</b>");
    assertThat(chart.getJsonObject("data").getJsonArray("datasets").getJsonObject(0).getJsonArray("data"))
        .containsExactly(2, 1);
  }
}
