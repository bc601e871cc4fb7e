package org.anserv.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file present while the server runs and removed when it stops cleanly. Finding it at start means the previous
 * run was killed or crashed, so module states may be ahead of their saved positions in the log.
 */
final class RunMarker {

  private final Path file;
  private final boolean uncleanBefore;

  private RunMarker(Path file, boolean uncleanBefore) {
    this.file = file;
    this.uncleanBefore = uncleanBefore;
  }

  /** Places the marker in {@code dataDir}, noting whether one was already there. */
  static RunMarker place(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    Path file = dataDir.resolve("anserv.running");
    boolean existed = Files.exists(file);
    Files.writeString(file, ProcessHandle.current().pid() + "\n");
    return new RunMarker(file, existed);
  }

  boolean previousRunEndedUncleanly() {
    return uncleanBefore;
  }

  void remove() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove " + file, e);
    }
  }
}
