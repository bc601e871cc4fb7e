package org.anserv.bench.harness;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.anserv.bench.harness.HarnessOptions.Scenario;

/**
 * Scenario 5: every query of every deployed module over HTTP, one call at a time, twice over the same parameter
 * sets: the first pass computes each answer (a memoized query's first call per parameters), the second repeats them
 * (answered from the memo where the query has {@code @Memoize}). Parameters come from the pick lists (courses,
 * students, videos, problems), a different value per call where the list has several.
 */
final class QueryLatency {

  private static final Map<String, String> PICK_LIST_OF = Map.of("course", "courses", "course_id", "courses",
      "user", "students", "username", "students", "student", "students", "user_id", "students", "video", "videos",
      "problem", "problems");

  private QueryLatency() {
  }

  static void run(Report report, LoadGenerator load, HarnessOptions options) {
    JsonObject schema = json(load, "/schema");
    Map<String, List<String>> picks = pickLists(load, schema);
    for (Object m : schema.getJsonArray("modules")) {
      JsonObject module = (JsonObject) m;
      for (Object q : module.getJsonArray("queries", new JsonArray())) {
        query(report, load, options, module.getString("name"), (JsonObject) q, picks);
      }
    }
  }

  private static void query(Report report, LoadGenerator load, HarnessOptions options, String module,
      JsonObject query, Map<String, List<String>> picks) {
    String name = module + "/" + query.getString("name");
    Long memo = query.getLong("memoizeSeconds");
    String variant = name + (memo != null ? " (memo " + memo + " s)" : "");
    List<String> uris = new ArrayList<>();
    for (int i = 0; i < options.scale().queryCalls(); i++) {
      String uri = uri(module, query, picks, i);
      if (uri == null) {
        report.add(new Figures(Scenario.QUERIES.label(), variant, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, 0, 0, "skipped: a required parameter has no pick list"));
        return;
      }
      uris.add(uri);
    }
    report.memory().reset();
    Pass first = pass(load, uris);
    Pass again = pass(load, uris);
    report.add(new Figures(Scenario.QUERIES.label(), variant, uris.size() / first.seconds, first.millisAt(50),
        first.millisAt(99), first.millisAt(99.9), Double.NaN, report.memory().peakHeapMiB(),
        report.memory().peakRssMiB(), String.format(Locale.ROOT, "calls/s; repeated: p50 %.2f p99 %.2f ms%s",
            again.millisAt(50), again.millisAt(99), first.failed + again.failed == 0 ? "" : "; " + (first.failed
                + again.failed) + " calls failed: " + first.lastError + again.lastError)));
  }

  private static Pass pass(LoadGenerator load, List<String> uris) {
    Pass pass = new Pass();
    long start = System.nanoTime();
    for (String uri : uris) {
      long sent = System.nanoTime();
      LoadGenerator.Answer answer;
      try {
        // The server answers 504 after modules.timeout.ms (30 s): no answer after 60 s is a lost answer.
        answer = load.get(uri).timeout(60, TimeUnit.SECONDS).await();
      } catch (Exception e) {
        answer = new LoadGenerator.Answer(0, io.vertx.core.buffer.Buffer.buffer("no answer: " + e));
      }
      pass.latency.recordValue(Math.min(TimeUnit.SECONDS.toMicros(120), Math.max(1, (System.nanoTime() - sent)
          / 1000)));
      if (answer.status() != 200) {
        pass.failed++;
        pass.lastError = " " + answer.status() + " " + answer.body().toString(StandardCharsets.UTF_8)
            .substring(0, Math.min(160, answer.body().length()));
      }
    }
    pass.seconds = (System.nanoTime() - start) / 1e9;
    return pass;
  }

  private static String uri(String module, JsonObject query, Map<String, List<String>> picks, int call) {
    StringBuilder uri = new StringBuilder("/queries/").append(module).append('/').append(query.getString("name"));
    char separator = '?';
    for (Object p : query.getJsonArray("parameters", new JsonArray())) {
      JsonObject param = (JsonObject) p;
      List<String> values = picks.getOrDefault(PICK_LIST_OF.getOrDefault(param.getString("name"), ""), List.of());
      if (values.isEmpty()) {
        if (param.getBoolean("required", false)) {
          return null;
        }
        continue;
      }
      uri.append(separator).append(param.getString("name")).append('=')
          .append(URLEncoder.encode(values.get(call % values.size()), StandardCharsets.UTF_8));
      separator = '&';
    }
    return uri.toString();
  }

  // The first module answering each pick-list query with a non-empty list gives its values.
  private static Map<String, List<String>> pickLists(LoadGenerator load, JsonObject schema) {
    Map<String, List<String>> picks = new HashMap<>();
    for (Object m : schema.getJsonArray("modules")) {
      JsonObject module = (JsonObject) m;
      for (Object q : module.getJsonArray("queries", new JsonArray())) {
        String name = ((JsonObject) q).getString("name");
        if (List.of("courses", "students", "videos", "problems").contains(name) && !picks.containsKey(name)) {
          LoadGenerator.Answer answer = load.get("/queries/" + module.getString("name") + "/" + name)
              .timeout(120, TimeUnit.SECONDS).await();
          if (answer.status() == 200 && answer.body().toJsonValue() instanceof JsonArray list && !list.isEmpty()) {
            List<String> values = new ArrayList<>();
            for (Object item : list) {
              values.add(item instanceof JsonObject o ? String.valueOf(o.getValue("id")) : String.valueOf(item));
            }
            picks.put(name, values);
          }
        }
      }
    }
    return picks;
  }

  private static JsonObject json(LoadGenerator load, String uri) {
    LoadGenerator.Answer answer = load.get(uri).timeout(120, TimeUnit.SECONDS).await();
    if (answer.status() != 200) {
      throw new IllegalStateException(uri + " answered " + answer.status() + ": " + answer.body());
    }
    return answer.body().toJsonObject();
  }

  private static final class Pass {
    private final Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
    private double seconds;
    private int failed;
    private String lastError = "";

    double millisAt(double percentile) {
      return latency.getValueAtPercentile(percentile) / 1000.0;
    }
  }
}
