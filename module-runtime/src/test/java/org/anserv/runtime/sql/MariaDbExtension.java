package org.anserv.runtime.sql;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link EmbeddedMariaDb} parameters to one server shared by every test class of the run (it is slow to
 * start), with database {@value #DATABASE} holding the small edx-platform schema of {@code edx-schema.sql} and
 * the rows of {@code edx-rows.sql}. The server lives in {@code target/mariadb/shared} and stops when the run ends.
 */
final class MariaDbExtension implements ParameterResolver {

  /** The test database. */
  static final String DATABASE = "edxapp_test";

  private static final Namespace NAMESPACE = Namespace.create(MariaDbExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
    return parameter.getParameter().getType() == EmbeddedMariaDb.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
    return extension.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent("server", key -> new Server(start()), Server.class).db();
  }

  private static EmbeddedMariaDb start() {
    EmbeddedMariaDb db = EmbeddedMariaDb.start(Path.of("target", "mariadb", "shared"));
    db.createDatabase(DATABASE);
    load(db, "org/anserv/runtime/sql/edx-schema.sql");
    load(db, "org/anserv/runtime/sql/edx-rows.sql");
    return db;
  }

  private static void load(EmbeddedMariaDb db, String resource) {
    try (Reader script = resource(resource)) {
      db.load(DATABASE, script);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Reader resource(String name) {
    return new InputStreamReader(Objects.requireNonNull(MariaDbExtension.class.getClassLoader()
        .getResourceAsStream(name), name), StandardCharsets.UTF_8);
  }

  /** Stops the server when JUnit closes the root store, at the end of the run. */
  private record Server(EmbeddedMariaDb db) implements ExtensionContext.Store.CloseableResource {

    @Override
    public void close() {
      db.stop();
    }
  }
}
