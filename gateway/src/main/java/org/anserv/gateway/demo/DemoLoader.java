package org.anserv.gateway.demo;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.anserv.demo.DemoSpec;
import org.anserv.demo.DemoWorld;
import org.anserv.demo.world.Course;
import java.util.List;
import org.anserv.demo.output.EventPoster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code --demo} run: generates the deterministic demo course world and streams its tracking log through the
 * server's own HTTP intake, like a real platform would, so every module's figures are real. Done once per data
 * directory; the world's true figures are written beside it for checking.
 */
public final class DemoLoader {

  private static final Logger LOG = LoggerFactory.getLogger("anserv.demo");

  private final DemoWorld world;
  private final Path directory;

  private DemoLoader(DemoWorld world, Path directory) {
    this.world = world;
    this.directory = directory;
  }

  /** The demo world of {@code spec}, kept under {@code dataDir/demo}. */
  public static DemoLoader of(DemoSpec spec, Path dataDir) {
    return of(DemoWorld.generate(spec), dataDir);
  }

  /**
   * An already generated {@code world}, kept under {@code dataDir/demo}; a world whose events were read to the end
   * gives its SQL script and truth without simulating again.
   */
  public static DemoLoader of(DemoWorld world, Path dataDir) {
    return new DemoLoader(world, dataDir.resolve("demo"));
  }

  /** The world's SQL script (edx-platform tables), written under the data directory for the read-replica. */
  public Path sqlScript() {
    Path script = directory.resolve("lms.sql");
    try {
      Files.createDirectories(directory);
      try (var out = Files.newBufferedWriter(script, StandardCharsets.UTF_8)) {
        world.sql(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the demo SQL script to " + script, e);
    }
    return script;
  }

  /** The demo courses' ids. */
  public List<String> courseIds() {
    return world.courses().stream().map(Course::id).toList();
  }

  /** The username of the first demo learner. */
  public String firstStudent() {
    return world.learners().getFirst().username();
  }

  /** The world's true figures, computed by the generator independently of any module. */
  public JsonObject truth() {
    return world.truth();
  }

  /** Posts the world's events to {@code intake} without credentials (a server with security disabled). */
  public long streamEvents(URI intake, PrintStream progress) throws IOException, InterruptedException {
    return streamEvents(intake, null, progress);
  }

  /**
   * Posts the world's events to {@code intake}, sending {@code authorization} (may be null), unless this data
   * directory already holds them; blocking.
   *
   * @return the number of events posted, 0 when already loaded
   */
  public long streamEvents(URI intake, String authorization, PrintStream progress) throws IOException,
      InterruptedException {
    Path loaded = directory.resolve("events.loaded");
    if (Files.exists(loaded)) {
      LOG.info("Demo events already loaded in {}; delete it to load them again", directory);
      return 0;
    }
    Files.createDirectories(directory);
    Files.writeString(directory.resolve("truth.json"), world.truth().encodePrettily());
    long total = world.outcome().tally().events();
    LOG.atInfo().addKeyValue("events", total).log("Streaming the demo course world's {} events to {}", total,
        intake);
    long sent = new EventPoster(intake, 500, authorization, progress).post(world.events(), total);
    Files.writeString(loaded, sent + "\n");
    LOG.atInfo().addKeyValue("events", sent).log("Demo events loaded; true figures in {}",
        directory.resolve("truth.json"));
    return sent;
  }
}
