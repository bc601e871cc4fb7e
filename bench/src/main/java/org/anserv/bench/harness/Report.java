package org.anserv.bench.harness;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Collects the run's figures: prints each line as soon as its scenario measured it, holds the raw limit every ratio
 * is taken against, and writes the run as a Markdown table with the machine's state (cores, load average).
 */
final class Report {

  private final List<Figures> lines = new ArrayList<>();
  private final MemoryWatch memory;
  private final String header;
  private double rawLimit = Double.NaN;

  Report(MemoryWatch memory, String header) {
    this.memory = memory;
    this.header = header;
  }

  /** The memory watch scenarios reset and read. */
  MemoryWatch memory() {
    return memory;
  }

  /** The raw limit's events per second, the denominator of every ratio. */
  double rawLimit() {
    return rawLimit;
  }

  void rawLimit(double eventsPerSecond) {
    rawLimit = eventsPerSecond;
  }

  /** Prints and keeps {@code figures}. */
  void add(Figures figures) {
    lines.add(figures);
    System.out.println(figures.line());
  }

  /** Prints a remark that is not a figure (what is being prepared, the load). */
  void say(String text) {
    System.out.println("# " + text);
  }

  /** The machine's load average over the last minute, as uptime shows it. */
  static String load() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return String.format(Locale.ROOT, "%.2f", load);
  }

  /** Writes the run as Markdown to {@code file}. */
  void write(Path file) throws IOException {
    StringBuilder text = new StringBuilder("Run of " + Instant.now() + ": " + header + ", "
        + Runtime.getRuntime().availableProcessors() + " cores, load average at the end " + load() + "\n\n"
        + Figures.tableHeader() + "\n");
    for (Figures figures : lines) {
      text.append(figures.tableRow()).append('\n');
    }
    text.append('\n');
    for (String target : Targets.check(lines)) {
      text.append("- ").append(target).append('\n');
    }
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.writeString(file, text);
  }

  /** Every line so far. */
  List<Figures> lines() {
    return List.copyOf(lines);
  }
}
