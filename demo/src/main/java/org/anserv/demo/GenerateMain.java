package org.anserv.demo;

import io.vertx.core.json.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.anserv.demo.output.EventPoster;

/**
 * Command line of the demo generator.
 *
 * <pre>
 * GenerateMain [--seed 42] [--courses 2] [--students 200] [--days 30] [--start 2026-01-05]
 *              [--out DIR [--gzip]] [--post URL [--batch 500] [--auth "Bearer TOKEN"]]
 * </pre>
 *
 * With {@code --out} it writes {@code events.ndjson} (and {@code events.ndjson.gz} with {@code --gzip}),
 * {@code lms.sql} and {@code truth.json}; with {@code --post} it streams the events to a running gateway.
 */
public final class GenerateMain {

  private static final String USAGE = """
      Usage: GenerateMain [--seed N] [--courses N] [--students N] [--days N] [--start YYYY-MM-DD]
                          [--out DIR [--gzip] [--xapi]] [--post URL [--batch N] [--auth HEADER-VALUE]]
        --seed      random seed (default 42); the same options always give the same bytes
        --courses   number of courses (default 2)
        --students  number of learners (default 200)
        --days      days of activity (default 30)
        --start     first day, UTC (default 2026-01-05)
        --out       directory for events.ndjson, lms.sql and truth.json
        --gzip      also write events.ndjson.gz
        --xapi      also write statements.ndjson: the world as event-routing-backends' xAPI statements
        --post      gateway URL to POST the events to as NDJSON, e.g. http://127.0.0.1:8080/events
        --batch     events per POST (default 500)
        --auth      Authorization header value for --post, e.g. "Bearer s3cret" or "Basic dXNlcjpwdw=="
      """;

  private GenerateMain() {
  }

  /** Runs the generator; exits with status 2 on bad arguments and 1 on failure. */
  public static void main(String[] args) {
    PrintStream err = System.err;
    try {
      Map<String, String> options = parse(args);
      if (options.containsKey("help")) {
        System.out.print(USAGE);
        return;
      }
      run(options, err);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.print(USAGE);
      System.exit(2);
    } catch (IOException e) {
      err.println("Failed: " + e.getMessage());
      System.exit(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.exit(1);
    }
  }

  static void run(Map<String, String> options, PrintStream err) throws IOException, InterruptedException {
    DemoSpec spec = new DemoSpec(
        Long.parseLong(options.getOrDefault("seed", String.valueOf(DemoSpec.DEFAULT_SEED))),
        integer(options, "courses", 2), integer(options, "students", 200), integer(options, "days", 30),
        LocalDate.parse(options.getOrDefault("start", DemoSpec.DEFAULT_START.toString())));
    if (!options.containsKey("out") && !options.containsKey("post")) {
      throw new IllegalArgumentException("Nothing to do: give --out DIR, --post URL or both.");
    }
    long started = System.nanoTime();
    DemoWorld world = DemoWorld.generate(spec);
    if (options.containsKey("out")) {
      write(world, Path.of(options.get("out")), options.containsKey("gzip"), err);
      if (options.containsKey("xapi")) {
        writeStatements(world, Path.of(options.get("out")), err);
      }
    }
    long total = world.outcome().tally().events();
    err.printf(Locale.ROOT, "Demo world %s: %,d learners, %,d enrollments, %,d events (%.2f s)%n", spec,
        spec.students(),
        world.enrollments().size(), total, (System.nanoTime() - started) / 1e9);
    if (options.containsKey("post")) {
      URI target = URI.create(options.get("post"));
      EventPoster poster = new EventPoster(target, integer(options, "batch", 500), options.get("auth"), err);
      long sent = poster.post(world.events(), total);
      err.printf(Locale.ROOT, "Posted %,d events to %s%n", sent, target);
    }
  }

  private static void write(DemoWorld world, Path dir, boolean gzip, PrintStream err) throws IOException {
    Files.createDirectories(dir);
    try (Writer plain = writer(Files.newOutputStream(dir.resolve("events.ndjson")));
        Writer zipped = gzip ? writer(new GZIPOutputStream(Files.newOutputStream(dir.resolve("events.ndjson.gz")),
            1 << 16)) : Writer.nullWriter()) {
      for (Iterator<JsonObject> events = world.events(); events.hasNext(); ) {
        String line = events.next().encode();
        plain.write(line);
        plain.write('\n');
        zipped.write(line);
        zipped.write('\n');
      }
    }
    try (Writer out = writer(Files.newOutputStream(dir.resolve("lms.sql")))) {
      world.sql(out);
    }
    Files.writeString(dir.resolve("truth.json"), world.truth().encodePrettily() + "\n", StandardCharsets.UTF_8);
    err.println("Wrote " + dir.resolve("events.ndjson") + (gzip ? " (and .gz)" : "") + ", lms.sql, truth.json");
  }

  private static void writeStatements(DemoWorld world, Path dir, PrintStream err) throws IOException {
    long count = 0;
    try (Writer out = writer(Files.newOutputStream(dir.resolve("statements.ndjson")))) {
      for (Iterator<JsonObject> statements = world.statements(); statements.hasNext(); count++) {
        out.write(statements.next().encode());
        out.write('\n');
      }
    }
    err.println("Wrote " + count + " xAPI statements to " + dir.resolve("statements.ndjson"));
  }

  private static Writer writer(OutputStream out) {
    return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    List<String> flags = List.of("gzip", "help", "xapi");
    List<String> known = new ArrayList<>(List.of("seed", "courses", "students", "days", "start", "out", "post",
        "batch", "auth"));
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg.startsWith("--") ? arg.substring(2) : arg.equals("-h") ? "help" : null;
      if (name != null && flags.contains(name)) {
        options.put(name, "true");
      } else if (name != null && known.contains(name) && i + 1 < args.length) {
        options.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException("Unknown or incomplete option: " + arg);
      }
    }
    return options;
  }

  private static int integer(Map<String, String> options, String name, int fallback) {
    String value = options.get(name);
    try {
      return value == null ? fallback : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " needs a whole number, got '" + value + "'");
    }
  }
}
