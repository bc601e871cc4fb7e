package org.anserv.gateway.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.anserv.demo.DemoSpec;
import org.anserv.gateway.AnservServer;
import org.anserv.gateway.MeteredVertx;
import org.anserv.gateway.demo.DemoLoader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The monitoring setup proven live: a node with a small demo world and the deliberately failing fixture module
 * ({@code failing}, which throws on every problem_check and on its query), scraped by a real Prometheus loaded with
 * the repository's configuration and rules. Every PromQL expression of the Grafana board and of the rules must be
 * valid and return series; the module-failing alert must go pending or firing for {@code failing} and no alert
 * for any other module.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MonitoringLiveTest {

  // A comparison with a number, made to keep every series (0 or 1) so an alert's inputs can be seen to exist.
  private static final Pattern THRESHOLD = Pattern.compile("(==|!=|>=|<=|>|<)\\s*(-?[0-9][0-9.eE+-]*)");
  // Alerts that depend on how loaded the machine running the test is, not on the modules: reported, not asserted.
  private static final Set<String> LOAD_DEPENDENT = Set.of("AnservIntakeSlow", "AnservQueriesSlow",
      "AnservHeapNearLimit");

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void everyBoardAndRuleExpressionHasSeriesAndOnlyTheFailingModuleAlerts() throws Exception {
    if (!PrometheusTools.installed()) {
      System.out.println(PrometheusTools.MISSING);
    }
    Assumptions.assumeTrue(PrometheusTools.installed(), PrometheusTools.MISSING);
    Path work = Path.of("target", "monitoring-live").toAbsolutePath();
    deleteRecursively(work);
    Files.createDirectories(work);
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = MeteredVertx.create(meters);
    DemoLoader demo = DemoLoader.of(new DemoSpec(7, 1, 40, 10, LocalDate.of(2026, 2, 2)), work);
    JsonObject config = new JsonObject().put("http.port", 0).put("http.instances", 1)
        .put("mongo.embedded.storage", "memory").put("data.dir", work.resolve("node").toString())
        .put("log.durability", "process").put("modules.timeout.ms", 10_000).put("security.enabled", false);
    AnservServer server = AnservServer.start(vertx, config, meters).await(60, TimeUnit.SECONDS);
    String node = "http://127.0.0.1:" + server.port();
    try (PrometheusServer prometheus = PrometheusServer.start(work, server.port())) {
      awaitSeries(prometheus, "up{job=\"anserv\"} == 1", Duration.ofSeconds(20));
      demo.streamEvents(URI.create(node + "/events"), new PrintStream(OutputStream.nullOutputStream()));
      for (int i = 0; i < 5; i++) {
        get(node + "/queries/counts/total");
        get(node + "/queries/failing/broken");
      }

      Map<String, Integer> counts = seriesPerExpression(prometheus, expressions(prometheus));
      counts.forEach((expr, count) -> System.out.printf("%5d  %s%n", count, expr));
      assertThat(counts).as("expressions returning no series").allSatisfy((expr, count) ->
          assertThat(count).as(expr).isPositive());

      JsonObject failing = awaitAlert(prometheus, "AnservModuleFailing", "failing", Duration.ofSeconds(40));
      assertThat(failing.getString("state")).isIn("pending", "firing");
      List<String> others = new ArrayList<>();
      for (Object a : prometheus.alerts()) {
        JsonObject alert = (JsonObject) a;
        JsonObject labels = alert.getJsonObject("labels");
        String line = labels.getString("alertname") + labels.encode() + " " + alert.getString("state");
        System.out.println("alert: " + line);
        if (!"failing".equals(labels.getString("module")) && !LOAD_DEPENDENT.contains(labels.getString("alertname"))) {
          others.add(line);
        }
      }
      assertThat(others).as("alerts on healthy modules or a healthy node").isEmpty();

      assertThat(anservLintOfAScrape(work, node)).as("promtool check metrics on anserv_* series").isEmpty();
    } finally {
      server.close().await(30, TimeUnit.SECONDS);
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** Every expression of the board (variables set to all) and of the rules as Prometheus loaded them. */
  private static List<String> expressions(PrometheusServer prometheus) throws Exception {
    List<String> expressions = new ArrayList<>();
    JsonObject board = new JsonObject(Files.readString(PrometheusTools.MONITORING
        .resolve("grafana/dashboards/anserv.json")));
    panels(board.getJsonArray("panels")).forEach(panel -> panel.getJsonArray("targets", new JsonArray())
        .forEach(t -> expressions.add(((JsonObject) t).getString("expr").replace("$instance", ".*")
            .replace("$module", ".*"))));
    for (Object g : prometheus.ruleGroups()) {
      for (Object r : ((JsonObject) g).getJsonArray("rules")) {
        JsonObject rule = (JsonObject) r;
        String query = rule.getString("query");
        expressions.add("alerting".equals(rule.getString("type"))
            ? THRESHOLD.matcher(query).replaceAll("$1 bool $2") : query);
      }
    }
    return expressions;
  }

  private static Stream<JsonObject> panels(JsonArray panels) {
    return panels.stream().map(JsonObject.class::cast)
        .flatMap(p -> Stream.concat(Stream.of(p), panels(p.getJsonArray("panels", new JsonArray()))));
  }

  // Rates need two scrapes and recording rules an evaluation: ask again until every expression has series or the
  // time is up.
  private static Map<String, Integer> seriesPerExpression(PrometheusServer prometheus, List<String> expressions)
      throws Exception {
    Map<String, Integer> counts = new LinkedHashMap<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
    for (String expr : expressions) {
      int count = prometheus.query(expr).size();
      while (count == 0 && System.nanoTime() < deadline) {
        Thread.sleep(500);
        count = prometheus.query(expr).size();
      }
      counts.put(expr, count);
    }
    return counts;
  }

  private static void awaitSeries(PrometheusServer prometheus, String expr, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (prometheus.query(expr).isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Prometheus had no series for " + expr + " after " + limit);
      }
      Thread.sleep(250);
    }
  }

  private static JsonObject awaitAlert(PrometheusServer prometheus, String name, String module, Duration limit)
      throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      for (Object a : prometheus.alerts()) {
        JsonObject labels = ((JsonObject) a).getJsonObject("labels");
        if (name.equals(labels.getString("alertname")) && module.equals(labels.getString("module"))) {
          return (JsonObject) a;
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError(name + " for module " + module + " was neither pending nor firing after " + limit
        + "; alerts: " + prometheus.alerts().encode());
  }

  /** promtool's complaints about anserv's own series in a scrape of the node. */
  private List<String> anservLintOfAScrape(Path work, String node) throws Exception {
    Path scrape = work.resolve("scrape.txt");
    Files.writeString(scrape, get(node + "/metrics"));
    PrometheusTools.Result result = PrometheusTools.promtool(work, scrape, "check", "metrics");
    System.out.println("promtool check metrics (exit " + result.exitCode() + "):\n" + result.output());
    assertThat(result.exitCode()).as("promtool could parse the scrape").isNotEqualTo(1);
    return result.output().lines().filter(line -> line.startsWith("anserv_")).toList();
  }

  private String get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static void deleteRecursively(Path dir) throws Exception {
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
