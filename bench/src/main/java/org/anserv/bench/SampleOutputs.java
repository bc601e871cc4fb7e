package org.anserv.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.anserv.demo.DemoSpec;
import org.anserv.gateway.AnservServer;
import org.anserv.gateway.SqlReplica;
import org.anserv.gateway.demo.DemoLoader;
import org.anserv.runtime.bus.Addresses;
import org.anserv.runtime.call.CallRequest;

/**
 * Writes every standard module's sample outputs from a small demo world, for UI work without a database: each view's
 * HTML as {@code samples/<module>/<view>.json} (what {@code ?sample=true} shows) and each query's JSON as
 * {@code samples/<module>/queries/<query>.json}, into the modules' resources. Parameters are filled from the pick
 * lists (first course, student, video, problem). Run: see BENCHMARKS.md's neighbour, README "Development data".
 */
public final class SampleOutputs {

  private static final DemoSpec SPEC = new DemoSpec(7, 1, 60, 14, LocalDate.of(2026, 2, 2));

  public static void main(String[] args) throws Exception {
    Path modules = Path.of(args.length > 0 ? args[0] : "modules").toAbsolutePath();
    Path data = Path.of("target", "sample-outputs-data").toAbsolutePath();
    Vertx vertx = Vertx.vertx();
    DemoLoader demo = DemoLoader.of(SPEC, data);
    JsonObject config = new JsonObject().put("http.port", 0).put("http.instances", 1)
        .put("mongo.embedded.storage", "memory").put("data.dir", data.toString()).put("log.durability", "process")
        .put("security.enabled", false);
    SqlReplica replica = SqlReplica.open(vertx, config, data, demo);
    AnservServer server = AnservServer.start(vertx, config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        replica.sql()).await(60, TimeUnit.SECONDS);
    try {
      demo.streamEvents(URI.create("http://127.0.0.1:" + server.port() + "/events"),
          new PrintStream(OutputStream.nullOutputStream()));
      Thread.sleep(8_000);
      Map<String, String> picks = picks(vertx);
      JsonObject schema = vertx.eventBus().<JsonObject>request(Addresses.SCHEMA, null).await(10, TimeUnit.SECONDS)
          .body();
      for (Object m : schema.getJsonArray("modules")) {
        write(vertx, modules, (JsonObject) m, picks);
      }
    } finally {
      server.close().await(30, TimeUnit.SECONDS);
      replica.close();
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static void write(Vertx vertx, Path modules, JsonObject module, Map<String, String> picks)
      throws Exception {
    String name = module.getString("name");
    Path resources = modules.resolve(name).resolve("src/main/resources/samples").resolve(name);
    if (!Files.isDirectory(modules.resolve(name)) || name.equals("counts")) {
      return;
    }
    for (String kind : new String[] {"views", "queries"}) {
      for (Object e : module.getJsonArray(kind)) {
        JsonObject endpoint = (JsonObject) e;
        Optional<Map<String, String>> params = params(endpoint, picks);
        if (params.isEmpty()) {
          System.out.println("skipped " + name + "/" + endpoint.getString("name") + ": a parameter has no sample");
          continue;
        }
        boolean view = kind.equals("views");
        JsonObject request = view ? CallRequest.view(endpoint.getString("name"), params.get())
            : CallRequest.query(endpoint.getString("name"), params.get());
        JsonObject reply = vertx.eventBus().<JsonObject>request(Addresses.moduleCall(name), request,
            new DeliveryOptions().setSendTimeout(30_000)).await(40, TimeUnit.SECONDS).body();
        JsonObject sample = new JsonObject().put("generated", "demo world " + SPEC)
            .put("params", new JsonObject(new HashMap<>(params.get())));
        Path file;
        if (view) {
          sample.put("html", reply.getString("html"));
          file = resources.resolve(endpoint.getString("name") + ".json");
        } else {
          sample.put("result", reply.getValue("result"));
          file = resources.resolve("queries").resolve(endpoint.getString("name") + ".json");
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, sample.encodePrettily() + "\n");
        System.out.println("wrote " + modules.relativize(file));
      }
    }
  }

  private static Optional<Map<String, String>> params(JsonObject endpoint, Map<String, String> picks) {
    Map<String, String> params = new HashMap<>();
    for (Object p : endpoint.getJsonArray("parameters")) {
      JsonObject param = (JsonObject) p;
      String value = picks.get(param.getString("name"));
      if (value != null) {
        params.put(param.getString("name"), value);
      } else if (param.getBoolean("required")) {
        return Optional.empty();
      }
    }
    return Optional.of(params);
  }

  private static Map<String, String> picks(Vertx vertx) throws Exception {
    Map<String, String> picks = new HashMap<>();
    String course = first(vertx, "activity", "courses");
    String student = first(vertx, "activity", "students");
    String video = first(vertx, "video", "videos");
    String problem = first(vertx, "problems", "problems");
    for (String name : new String[] {"course", "course_id"}) {
      picks.put(name, course);
    }
    for (String name : new String[] {"user", "username", "student"}) {
      picks.put(name, student);
    }
    picks.put("video", video);
    picks.put("problem", problem);
    picks.values().removeIf(v -> v == null);
    return picks;
  }

  private static String first(Vertx vertx, String module, String query) throws Exception {
    Object result = vertx.eventBus().<JsonObject>request(Addresses.moduleCall(module),
        CallRequest.query(query, Map.of())).await(20, TimeUnit.SECONDS).body().getValue("result");
    if (result instanceof JsonArray list && !list.isEmpty()) {
      Object item = list.getValue(0);
      return item instanceof JsonObject o ? String.valueOf(o.getValue("id")) : String.valueOf(item);
    }
    return null;
  }
}
