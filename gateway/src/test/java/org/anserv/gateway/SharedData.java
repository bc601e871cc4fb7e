package org.anserv.gateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the project's shared test data, {@code <repo>/../shared/data}, from any module's working directory. */
public final class SharedData {

  private SharedData() {
  }

  /**
   * Finds a file or directory under the shared data.
   *
   * @param relative its path under {@code shared/data}, e.g. {@code xapi/erb-input-events.ndjson}
   * @return the path, or empty when the shared data (or that entry) is absent: tests then skip, saying so
   */
  public static Optional<Path> find(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared").resolve("data").resolve(relative);
      if (Files.exists(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
