package org.anserv.gateway.isolation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.anserv.gateway.cluster.NodeCommand;
import org.anserv.runtime.RuntimeSettings;
import org.anserv.runtime.bus.Addresses;
import org.anserv.runtime.registry.ModuleRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One isolated module's JVM, started, watched and restarted by the node that owns it.
 *
 * <p>The process is an anserv node limited to the module ({@code node.modules}), joined to this node's cluster, with
 * its own heap limit and {@code -XX:+ExitOnOutOfMemoryError}, so a module that allocates without bound ends its
 * process rather than thrashing in GC. This node pings it over the event bus; a process that leaves pings
 * unanswered for {@link ProcessIsolation#hangMillis()} (a CPU loop that starves it, a GC spiral, a frozen process) is
 * killed; a module whose call loops on the CPU ends its process itself
 * ({@link RuntimeSettings#HALT_ON_CPU_LOOP}). Whatever ended it, it is started again after a delay that doubles with
 * each crash in a row, and the module shows as quarantined in the registry until the process runs it again. The
 * process's standard input is a pipe from this node that nothing is written to: when this node's process ends,
 * the pipe closes and the module's process stops itself. A killed process did not save its state: its next run
 * rebuilds the module from the shared log (see {@code ModulePlacement}), so the events it missed wait there for it.
 */
final class ModuleProcess {

  private static final Logger LOG = LoggerFactory.getLogger("anserv.isolation");
  // -XX:+ExitOnOutOfMemoryError ends the JVM with this status.
  private static final int OUT_OF_MEMORY_STATUS = 3;

  private final Vertx vertx;
  private final String module;
  private final ProcessIsolation settings;
  private final JsonObject config;
  private final Path dir;
  private final ModuleRegistry registry;
  private final MeterRegistry meters;
  private final AtomicInteger up = new AtomicInteger();
  private final String token = UUID.randomUUID().toString();
  private Process process;
  private long startedAt;
  private long answeredAt;
  private boolean running;
  private String killedFor;
  private int crashesInARow;
  private long pingTimer = -1;
  private long restartTimer = -1;
  private boolean stopping;

  /**
   * Prepares the process of {@code module}; {@link #start()} launches it.
   *
   * @param config the process's whole configuration (see {@code ModuleProcesses})
   * @param dir its own directory: its configuration file and data
   */
  ModuleProcess(Vertx vertx, String module, ProcessIsolation settings, JsonObject config, Path dir,
      ModuleRegistry registry, MeterRegistry meters) {
    this.vertx = vertx;
    this.module = module;
    this.settings = settings;
    this.config = config;
    this.dir = dir;
    this.registry = registry;
    this.meters = meters;
    Gauge.builder("anserv.module.process.up", up, AtomicInteger::get).tag("module", module)
        .description("1 while the module's own process answers its pings").register(meters);
  }

  /** Launches the process and starts watching it. */
  void start() {
    launch();
    pingTimer = vertx.setPeriodic(settings.pingMillis(), ignored -> ping());
  }

  /** The process's pid, or -1 between two runs. */
  synchronized long pid() {
    return process != null && process.isAlive() ? process.pid() : -1;
  }

  private synchronized void launch() {
    restartTimer = -1;
    if (stopping) {
      return;
    }
    try {
      Path file = writeConfig();
      Path output = dir.resolve("process.log");
      ProcessBuilder builder = new ProcessBuilder(command(file)).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
      // the parent's overrides are already in the file; the child must not take them again from its environment
      // nor options meant for this JVM (a debugger's fixed port would make every start fail)
      builder.environment().keySet().removeIf(name -> name.startsWith("ANSERV_") || name.equals("JAVA_TOOL_OPTIONS")
          || name.equals("JDK_JAVA_OPTIONS"));
      process = builder.start();
      startedAt = System.nanoTime();
      answeredAt = 0;
      running = false;
      killedFor = null;
      Process started = process;
      LOG.atInfo().addKeyValue("module", module).addKeyValue("pid", started.pid())
          .log("Module {} runs in its own process now, pid {}, heap {} MB, its log in {}", module, started.pid(),
              settings.heapMegabytes().get(module), output);
      started.onExit().thenAccept(ended -> vertx.runOnContext(v -> ended(ended)));
    } catch (IOException | RuntimeException e) {
      LOG.atError().addKeyValue("module", module).log("Cannot start the process of module {}: {}", module,
          e.toString());
      scheduleRestart("cannot start: " + e.getMessage(), "start-failed");
    }
  }

  // The whole configuration, which may hold the SQL replica's password: created readable by this user only.
  private Path writeConfig() throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("anserv.json");
    Files.deleteIfExists(file);
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
    Files.writeString(file, config.copy().put("node.process.token", token).encodePrettily());
    return file;
  }

  private List<String> command(Path configFile) {
    String format = System.getProperty("anserv.log.format", System.getenv().getOrDefault("ANSERV_LOG_FORMAT",
        "text"));
    return NodeCommand.of(settings.heapMegabytes().get(module), List.of("-XX:+ExitOnOutOfMemoryError",
        "-Danserv.log.format=" + format), "--config", configFile.toString());
  }

  // Timers, pings and exits arrive on several threads: every method touching the process's state is synchronized.
  private synchronized void ping() {
    if (stopping || process == null || !process.isAlive() || killedFor != null) {
      return;
    }
    vertx.eventBus().<JsonObject>request(Addresses.processPing(token), "ping",
        new DeliveryOptions().setSendTimeout(settings.pingMillis())).onComplete(this::answered);
  }

  private synchronized void answered(AsyncResult<Message<JsonObject>> answer) {
    long now = System.nanoTime();
    if (answer.succeeded()) {
      answeredAt = now;
      boolean runsIt = answer.result().body().getJsonArray("running", new JsonArray()).contains(module);
      if (runsIt && !running) {
        LOG.atInfo().addKeyValue("module", module).log("The process of module {} runs it ({} ms after its start)",
            module, TimeUnit.NANOSECONDS.toMillis(now - startedAt));
        registry.released(module);
      }
      running = runsIt;
      up.set(runsIt ? 1 : 0);
      return;
    }
    // a process that never answered is starting (joining the cluster, connecting); one that did and stopped hangs
    if (answeredAt == 0 && now - startedAt > TimeUnit.MILLISECONDS.toNanos(settings.startMillis())) {
      kill("start-timeout", "it did not answer within " + settings.startMillis() + " ms of its start");
    } else if (answeredAt != 0 && now - answeredAt > TimeUnit.MILLISECONDS.toNanos(settings.hangMillis())) {
      up.set(0);
      kill("hang", "it left pings unanswered for " + TimeUnit.NANOSECONDS.toMillis(now - answeredAt) + " ms");
    }
  }

  private synchronized void kill(String reason, String why) {
    if (process == null || !process.isAlive() || killedFor != null) {
      return;
    }
    killedFor = reason;
    LOG.atWarn().addKeyValue("module", module).addKeyValue("pid", process.pid())
        .log("Killing the process of module {} (pid {}): {}", module, process.pid(), why);
    process.destroyForcibly();
  }

  private synchronized void ended(Process ended) {
    up.set(0);
    if (stopping || ended != process) {
      return;
    }
    int status = ended.exitValue();
    String reason = killedFor != null ? killedFor : switch (status) {
      case OUT_OF_MEMORY_STATUS -> "out-of-memory";
      case RuntimeSettings.CPU_LOOP_EXIT_STATUS -> "cpu-loop";
      default -> "exit";
    };
    String what = switch (reason) {
      case "out-of-memory" -> "it ran out of its " + settings.heapMegabytes().get(module) + " MB heap";
      case "cpu-loop" -> "a call of its module looped on the CPU past its deadline, and the process ended itself";
      case "exit" -> "it exited with status " + status;
      default -> "it was killed (" + reason + ")";
    };
    // a process that ran well for longer than the longest delay starts its back-off afresh
    if (answeredAt != 0 && System.nanoTime() - startedAt > TimeUnit.MILLISECONDS.toNanos(settings.restartMaxMillis())) {
      crashesInARow = 0;
    }
    scheduleRestart(what, reason);
  }

  private void scheduleRestart(String what, String reason) {
    crashesInARow++;
    long delay = settings.restartDelayMillis(crashesInARow);
    Counter.builder("anserv.module.process.restarts").tag("module", module).tag("reason", reason)
        .description("Restarts of a module's own process, by why it ended").register(meters).increment();
    registry.quarantined(module, "its process ended: " + what, Instant.now().plusMillis(delay), crashesInARow);
    LOG.atWarn().addKeyValue("module", module).addKeyValue("reason", reason)
        .log("The process of module {} ended: {}; starting it again in {} ms (crash {} in a row)", module, what,
            delay, crashesInARow);
    restartTimer = vertx.setTimer(Math.max(1, delay), ignored -> launch());
  }

  /** Stops the process: asked to stop cleanly (its module saves its state), killed if it has not within 10 s. */
  synchronized Future<Void> stop() {
    stopping = true;
    vertx.cancelTimer(pingTimer);
    if (restartTimer >= 0) {
      vertx.cancelTimer(restartTimer);
    }
    Process current = process;
    if (current == null || !current.isAlive()) {
      return Future.succeededFuture();
    }
    Promise<Void> stopped = Promise.promise();
    current.destroy();
    vertx.<Void>executeBlocking(() -> {
      if (!current.waitFor(10, TimeUnit.SECONDS)) {
        LOG.atWarn().addKeyValue("module", module).log("The process of module {} did not stop within 10 s: killed",
            module);
        current.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      return null;
    }).onComplete(stopped);
    return stopped.future();
  }
}
