package org.anserv.bench.harness;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.anserv.demo.DemoSpec;
import org.anserv.demo.DemoWorld;
import org.anserv.gateway.demo.DemoLoader;

/**
 * A demo world kept on disk between runs: its events as NDJSON, and the directory where the SQL replica loads its
 * LMS tables once. Simulating a 10k-student world takes a minute or more, and holding its events in memory would
 * put hundreds of MB in the heap the scenarios measure, so events are simulated once and read from the file.
 */
final class WorldCache {

  private final DemoSpec spec;
  private final Path directory;
  private final DemoWorld world;

  private WorldCache(DemoSpec spec, Path directory) {
    this.spec = spec;
    this.directory = directory;
    this.world = DemoWorld.generate(spec);
  }

  /** The world of {@code spec} under {@code root}, simulated now unless a previous run kept it. */
  static WorldCache of(DemoSpec spec, Path root) throws IOException {
    Path directory = root.resolve(String.format(Locale.ROOT, "seed%d-courses%d-students%d-days%d-%s", spec.seed(),
        spec.courses(), spec.students(), spec.days(), spec.startDate()));
    WorldCache cache = new WorldCache(spec, directory);
    cache.writeEventsOnce();
    return cache;
  }

  private void writeEventsOnce() throws IOException {
    Path events = events();
    if (Files.exists(events)) {
      return;
    }
    Files.createDirectories(directory);
    Path partial = directory.resolve("events.ndjson.partial");
    long started = System.nanoTime();
    try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
      world.writeEvents(out);
    }
    Files.move(partial, events, StandardCopyOption.ATOMIC_MOVE);
    System.out.printf(Locale.ROOT, "simulated the demo world %s in %.0f s (kept in %s)%n", spec,
        (System.nanoTime() - started) / 1e9, directory);
  }

  /** The events file, one event per line in log order. */
  Path events() {
    return directory.resolve("events.ndjson");
  }

  /** How many events the world has. */
  long eventCount() throws IOException {
    try (var lines = Files.lines(events())) {
      return lines.count();
    }
  }

  /** The first {@code limit} events, encoded, in memory: for scenarios that replay a sample many times. */
  List<String> sample(int limit) throws IOException {
    List<String> lines = new ArrayList<>();
    try (var reader = Files.newBufferedReader(events(), StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null && lines.size() < limit; line = reader.readLine()) {
        lines.add(line);
      }
    }
    return lines;
  }

  /** The loader giving the SQL replica this world's LMS tables; they are loaded once under {@link #directory()}. */
  DemoLoader loader() {
    return DemoLoader.of(world, directory);
  }

  /** Where the world and its replica's data live. */
  Path directory() {
    return directory;
  }

  /** The spec. */
  DemoSpec spec() {
    return spec;
  }
}
