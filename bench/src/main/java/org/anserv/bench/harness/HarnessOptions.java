package org.anserv.bench.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line of {@link Harness}: {@code [scenario...] [--scale smoke|small|default] [--token T]
 * [--batch N] [--concurrency N] [--rate N] [--seconds S] [--mongo memory|disk] [--no-sql] [--out FILE]}.
 *
 * @param scenarios the scenarios to run, in order (all when none is named); the raw limit always runs
 * @param scale the sizes
 * @param token sent as {@code Authorization: Bearer} on every request (also read from {@code ANSERV_TOKEN})
 * @param batch events per POST in throughput runs
 * @param concurrency connections in throughput runs
 * @param rate synchronous single-event POSTs per second in the hard-realtime scenario
 * @param seconds how long each timed phase runs
 * @param mongo the embedded MongoDB's storage, {@code disk} as the server's default or {@code memory}
 * @param sql whether the embedded MariaDB read-replica runs with the world's LMS tables
 * @param worldEvents how many of the world's events scenario 3 sends, spread evenly over it
 * @param out where the Markdown table of the run is written, or {@code null}
 * @param work where worlds, generated modules and server data are kept
 */
record HarnessOptions(Set<Scenario> scenarios, Scale scale, String token, int batch, int concurrency, int rate,
    double seconds, String mongo, boolean sql, long worldEvents, Path out, Path work) {

  /** The scenarios, by number and command-line name. */
  enum Scenario {
    RAW, INTAKE, QUEUED, REALTIME, QUERIES, GROWTH;

    String label() {
      return (ordinal() + 1) + " " + name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static final String USAGE = "usage: bench/run [raw|intake|queued|realtime|queries|growth|1-6 ...]"
      + " [--scale smoke|small|default] [--token T] [--batch N] [--concurrency N] [--rate N] [--seconds S]"
      + " [--mongo disk|memory] [--no-sql] [--world-events N|all] [--modules 1,10,100] [--log-sizes 10000,1000000] [--out FILE] [--work DIR] [--profile]";

  /** Reads {@code args}; throws {@link IllegalArgumentException} with the usage on a mistake. */
  static HarnessOptions parse(String[] args) {
    try {
      return read(args);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("A number was expected: " + e.getMessage() + ".\n" + USAGE, e);
    }
  }

  private static HarnessOptions read(String[] args) {
    Set<Scenario> scenarios = new LinkedHashSet<>();
    Scale scale = Scale.named("default");
    String token = System.getenv("ANSERV_TOKEN");
    Integer batch = null;
    Integer concurrency = null;
    Integer rate = null;
    Double seconds = null;
    String mongo = "disk";
    Boolean sql = null;
    Long worldEvents = null;
    Path out = null;
    List<Integer> modules = List.of();
    List<Integer> logs = List.of();
    Path work = Path.of("bench", "target", "harness");
    List<String> rest = new ArrayList<>(List.of(args));
    while (!rest.isEmpty()) {
      String arg = rest.removeFirst();
      switch (arg) {
        case "--scale" -> scale = Scale.named(value(rest, arg));
        case "--token" -> token = value(rest, arg);
        case "--batch" -> batch = Integer.parseInt(value(rest, arg));
        case "--concurrency" -> concurrency = Integer.parseInt(value(rest, arg));
        case "--rate" -> rate = Integer.parseInt(value(rest, arg));
        case "--seconds" -> seconds = Double.parseDouble(value(rest, arg));
        case "--mongo" -> mongo = value(rest, arg);
        case "--no-sql" -> sql = false;
        case "--world-events" -> {
          String events = value(rest, arg);
          worldEvents = events.equals("all") ? Long.MAX_VALUE : Long.parseLong(events);
        }
        case "--modules" -> modules = numbers(value(rest, arg));
        case "--log-sizes" -> logs = numbers(value(rest, arg));
        case "--out" -> out = Path.of(value(rest, arg));
        case "--work" -> work = Path.of(value(rest, arg));
        default -> scenarios.add(scenario(arg));
      }
    }
    if (!mongo.equals("disk") && !mongo.equals("memory")) {
      throw new IllegalArgumentException("--mongo must be disk or memory, not '" + mongo + "'.\n" + USAGE);
    }
    scale = scale.withGrowth(modules, logs);
    if (scenarios.isEmpty()) {
      scenarios.addAll(List.of(Scenario.values()));
    }
    return new HarnessOptions(scenarios, scale, token, batch != null ? batch : 100,
        concurrency != null ? concurrency : 16, rate != null ? rate : scale.realtimeRate(),
        seconds != null ? seconds : scale.seconds(), mongo, sql != null ? sql : scale.sql(),
        worldEvents != null ? worldEvents : scale.worldEvents(), out, work);
  }

  private static List<Integer> numbers(String list) {
    return java.util.Arrays.stream(list.split(",")).map(String::strip).map(Integer::parseInt).toList();
  }

  private static Scenario scenario(String arg) {
    for (Scenario s : Scenario.values()) {
      if (arg.equalsIgnoreCase(s.name()) || arg.equals(String.valueOf(s.ordinal() + 1))) {
        return s;
      }
    }
    throw new IllegalArgumentException("Unknown scenario or option '" + arg + "'.\n" + USAGE);
  }

  private static String value(List<String> rest, String option) {
    if (rest.isEmpty()) {
      throw new IllegalArgumentException(option + " needs a value.\n" + USAGE);
    }
    return rest.removeFirst();
  }

  /** Whether {@code scenario} was asked for. */
  boolean runs(Scenario scenario) {
    return scenarios.contains(scenario);
  }
}
