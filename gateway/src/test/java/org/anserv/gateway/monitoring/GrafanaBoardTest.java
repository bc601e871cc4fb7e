package org.anserv.gateway.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Grafana board and its provisioning, checked as Grafana would load them (no Grafana is installable here): the
 * live test runs each of its expressions against a real Prometheus.
 */
class GrafanaBoardTest {

  private static final Path GRAFANA = PrometheusTools.MONITORING.resolve("grafana");

  private final JsonObject board = read(GRAFANA.resolve("dashboards/anserv.json"));
  private final List<JsonObject> panels = board.getJsonArray("panels").stream().map(JsonObject.class::cast).toList();

  @Test
  void hasOneRowPerAreaAnOperatorWatches() {
    assertThat(board.getString("uid")).isEqualTo("anserv");
    assertThat(panels.stream().filter(p -> "row".equals(p.getString("type"))).map(p -> p.getString("title")))
        .containsExactly("Cluster", "Intake", "Event log", "Modules", "Views and queries", "Crons", "JVM and Vert.x");
  }

  @Test
  void panelsHaveUniqueIdsAndTileTheGridWithoutOverlapping() {
    assertThat(panels.stream().map(p -> p.getInteger("id")).collect(Collectors.toSet())).hasSize(panels.size());
    Set<String> cells = new HashSet<>();
    for (JsonObject panel : panels) {
      JsonObject grid = panel.getJsonObject("gridPos");
      assertThat(grid.getInteger("x") + grid.getInteger("w")).as(panel.getString("title")).isLessThanOrEqualTo(24);
      for (int x = grid.getInteger("x"); x < grid.getInteger("x") + grid.getInteger("w"); x++) {
        for (int y = grid.getInteger("y"); y < grid.getInteger("y") + grid.getInteger("h"); y++) {
          assertThat(cells.add(x + "," + y)).as("%s overlaps another panel at %d,%d", panel.getString("title"), x, y)
              .isTrue();
        }
      }
    }
  }

  @Test
  void everyPanelQueriesTheBoardsPrometheusWithDescribedExpressions() {
    for (JsonObject panel : panels.stream().filter(p -> !"row".equals(p.getString("type"))).toList()) {
      assertThat(panel.getJsonObject("datasource").getString("uid")).isEqualTo("${datasource}");
      assertThat(panel.getString("description")).as(panel.getString("title")).isNotBlank();
      JsonArray targets = panel.getJsonArray("targets");
      assertThat(targets).as(panel.getString("title")).isNotEmpty();
      for (Object t : targets) {
        JsonObject target = (JsonObject) t;
        assertThat(target.getString("expr")).isNotBlank();
        assertThat(target.getJsonObject("datasource").getString("uid")).isEqualTo("${datasource}");
      }
    }
  }

  @Test
  void expressionsUseOnlyDefinedVariablesAndRecordingRules() throws Exception {
    Set<String> variables = board.getJsonObject("templating").getJsonArray("list").stream()
        .map(v -> ((JsonObject) v).getString("name")).collect(Collectors.toSet());
    String recording = Files.readString(PrometheusTools.MONITORING.resolve("prometheus/rules/recording.yml"));
    for (JsonObject panel : panels) {
      for (Object t : panel.getJsonArray("targets", new JsonArray())) {
        String expr = ((JsonObject) t).getString("expr");
        Matcher variable = Pattern.compile("\\$(\\w+)").matcher(expr);
        while (variable.find()) {
          assertThat(variables).as(expr).contains(variable.group(1));
        }
        Matcher rule = Pattern.compile("anserv:[a-z0-9_:]+").matcher(expr);
        while (rule.find()) {
          assertThat(recording).as(expr).contains("record: " + rule.group());
        }
      }
    }
  }

  @Test
  void provisioningLoadsTheBoardFolderAndAPrometheusDatasource() throws Exception {
    String dashboards = Files.readString(GRAFANA.resolve("provisioning/dashboards/anserv.yml"));
    String datasources = Files.readString(GRAFANA.resolve("provisioning/datasources/anserv-prometheus.yml"));

    assertThat(dashboards).contains("type: file", "path: ${ANSERV_GRAFANA_DASHBOARDS}");
    assertThat(datasources).contains("type: prometheus", "url: ${ANSERV_PROMETHEUS_URL}", "isDefault: true");
  }

  private static JsonObject read(Path file) {
    try {
      return new JsonObject(Files.readString(file));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Cannot read " + file, e);
    }
  }
}
