package org.anserv.bench.harness;

import java.io.File;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * N distinct module classes made at bench time: each counts the events it receives in batches into its own
 * database and answers the count with a query. The runtime names a module by its class's {@code @Module}, so N
 * subscribers need N classes; they are written as source and compiled with the JDK's compiler against the bench's
 * class path, as an author's module would be.
 */
final class CountingModules {

  private CountingModules() {
  }

  /** The module name of the {@code i}-th class. */
  static String name(int i) {
    return "bench-count-" + i;
  }

  /** Compiles {@code count} counting modules under {@code work} and loads them. */
  static List<Class<?>> compile(int count, Path work) throws IOException, ClassNotFoundException {
    Path sources = work.resolve("src");
    Path classes = work.resolve("classes");
    Files.createDirectories(sources.resolve("bench"));
    Files.createDirectories(classes);
    List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none", "--release", "21",
        "-cp", classPath()));
    for (int i = 0; i < count; i++) {
      Path file = sources.resolve("bench").resolve("BenchCount" + i + ".java");
      Files.writeString(file, source(i));
      arguments.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("No Java compiler in this runtime: run the bench on a JDK, not a JRE.");
    }
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    if (javac.run(null, errors, errors, arguments.toArray(String[]::new)) != 0) {
      throw new IllegalStateException("Compiling the counting modules failed: " + errors);
    }
    URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
        CountingModules.class.getClassLoader());
    List<Class<?>> loaded = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      loaded.add(Class.forName("bench.BenchCount" + i, true, loader));
    }
    return loaded;
  }

  // Surefire may start the JVM with a manifest-only jar; the runtime MXBean still lists the real class path.
  private static String classPath() {
    String path = System.getProperty("java.class.path");
    String surefire = System.getProperty("surefire.test.class.path");
    if (surefire != null && !surefire.isBlank()) {
      return surefire + File.pathSeparator + path;
    }
    return ManagementFactory.getRuntimeMXBean().getClassPath();
  }

  private static String source(int i) {
    return """
        package bench;

        import io.vertx.core.Future;
        import io.vertx.core.json.JsonObject;
        import java.util.List;
        import org.anserv.api.Db;
        import org.anserv.api.Delivery;
        import org.anserv.api.Event;
        import org.anserv.api.EventHandler;
        import org.anserv.api.Module;
        import org.anserv.api.Query;

        @Module(name = "%s", description = "Counts the events it receives (benchmark module %d).")
        public class BenchCount%d {

          private static final JsonObject ALL = new JsonObject().put("_id", "all");

          @EventHandler(delivery = Delivery.BATCHED, batchSize = 1000, batchSeconds = 1)
          public Future<Void> count(List<Event> events, Db db) {
            return db.collection("totals").increment(ALL, "events", events.size());
          }

          @Query(description = "Events counted.")
          public Future<Long> total(Db db) {
            return db.collection("totals").findOne(ALL).map(doc -> doc == null ? 0L : doc.getLong("events"));
          }
        }
        """.formatted(name(i), i, i);
  }
}
