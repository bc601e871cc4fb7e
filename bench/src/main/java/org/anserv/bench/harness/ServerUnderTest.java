package org.anserv.bench.harness;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.anserv.gateway.AnservServer;
import org.anserv.gateway.Configuration;
import org.anserv.gateway.SqlReplica;

/**
 * A whole anserv server in this JVM, as {@code ./anserv} starts it: durable local event log ({@code fsync}), embedded
 * MongoDB, the standard modules found on the class path (unless told not to deploy any), and optionally the
 * embedded MariaDB read-replica loaded with the demo world's LMS tables. Its data lives in a fresh directory,
 * emptied at start and deleted on close. {@code ANSERV_*} variables and {@code -Danserv.*} properties override the
 * configuration, as for the real server (e.g. an intake token a branch requires).
 */
final class ServerUnderTest implements AutoCloseable {

  private final Vertx vertx;
  private final AnservServer server;
  private final SqlReplica replica;
  private final Path data;

  private ServerUnderTest(Vertx vertx, AnservServer server, SqlReplica replica, Path data) {
    this.vertx = vertx;
    this.server = server;
    this.replica = replica;
    this.data = data;
  }

  /**
   * Starts a server on {@code data} (created if absent) with {@code settings} over the bench's defaults; with the
   * SQL replica of {@code world} when it is not null.
   */
  static ServerUnderTest start(Path data, JsonObject settings, WorldCache world) throws Exception {
    return start(data, settings, world, true);
  }

  /** Like {@link #start(Path, JsonObject, WorldCache)}; {@code fresh} deletes what an earlier run left in data. */
  static ServerUnderTest start(Path data, JsonObject settings, WorldCache world, boolean fresh) throws Exception {
    if (fresh) {
      // An interrupted run leaves its log and an unclean-stop marker: the server would rebuild from that log.
      delete(data);
    }
    Files.createDirectories(data);
    // Without credentials, as the figures in BENCHMARKS.md were taken; ANSERV_SECURITY_ENABLED=true and --token
    // measure with producer authentication.
    JsonObject config = Configuration.overrides(new JsonObject().put("http.port", 0).put("data.dir", data.toString())
        .put("mongo.embedded.port", 0).put("security.enabled", false).mergeIn(settings), System.getenv(),
        System.getProperties());
    Vertx vertx = Vertx.vertx();
    SqlReplica replica = null;
    try {
      if (world != null) {
        // The replica's MariaDB keeps its data beside the cached world, so its tables are loaded once per world.
        replica = SqlReplica.open(vertx, config.copy().put("sql.embedded", true), world.directory(), world.loader());
      }
      PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      AnservServer server = (replica == null ? AnservServer.start(vertx, config, meters)
          : AnservServer.start(vertx, config, meters, replica.sql())).await(600, TimeUnit.SECONDS);
      return new ServerUnderTest(vertx, server, replica, data);
    } catch (Exception e) {
      if (replica != null) {
        replica.close();
      }
      vertx.close().await(30, TimeUnit.SECONDS);
      throw e;
    }
  }

  /** The gateway's port on 127.0.0.1. */
  int port() {
    return server.port();
  }

  /** The server, to deploy modules generated at bench time. */
  AnservServer server() {
    return server;
  }

  /** Stops the server and deletes its data (the world's replica data stays for the next run). */
  @Override
  public void close() throws Exception {
    try {
      server.close().await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("server did not close cleanly: " + e);
    } finally {
      if (replica != null) {
        replica.close();
      }
      try {
        vertx.close().await(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("Vert.x did not close in 30 s: " + e);
      }
      delete(data);
    }
  }

  static void delete(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
