package org.anserv.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.anserv.api.Sql;
import org.anserv.gateway.demo.DemoLoader;
import org.anserv.runtime.deploy.MissingSql;
import org.anserv.runtime.sql.EmbeddedMariaDb;
import org.anserv.runtime.sql.ReadOnlySql;
import org.anserv.runtime.sql.SqlSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's SQL read-replica given to modules: the configured MySQL/MariaDB server when {@code sql.host} is
 * set; an embedded MariaDB under the data directory, loaded once with the demo world's tables, for {@code --demo}
 * (or {@code sql.embedded=true}); otherwise none, and queries say how to configure one.
 */
public final class SqlReplica implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger("anserv.sql");

  private final Sql sql;
  private final ReadOnlySql pool;
  private final EmbeddedMariaDb embedded;
  private final JsonObject connection;

  private SqlReplica(Sql sql, ReadOnlySql pool, EmbeddedMariaDb embedded, JsonObject connection) {
    this.sql = sql;
    this.pool = pool;
    this.embedded = embedded;
    this.connection = connection;
  }

  /** Opens the replica {@code config} describes; blocking while an embedded server starts and loads. */
  public static SqlReplica open(Vertx vertx, JsonObject config, Path dataDir, DemoLoader demo) {
    SqlSettings settings = SqlSettings.fromConfig(config);
    boolean embedded = settings.embedded() && (demo != null || config.containsKey("sql.embedded"));
    if (!embedded && !config.containsKey("sql.host")) {
      return new SqlReplica(new MissingSql(), null, null, new JsonObject());
    }
    if (!embedded) {
      LOG.atInfo().addKeyValue("sql", settings.host() + ":" + settings.port()).log("Using the SQL read-replica {}",
          settings);
      ReadOnlySql pool = ReadOnlySql.create(vertx, settings);
      JsonObject connection = new JsonObject();
      config.forEach(entry -> {
        if (entry.getKey().startsWith(SqlSettings.PREFIX)) {
          connection.put(entry.getKey(), entry.getValue());
        }
      });
      return new SqlReplica(pool, pool, null, connection);
    }
    LOG.info("Starting the embedded MariaDB under {} (8-10 s the first time)", dataDir.resolve("mariadb"));
    EmbeddedMariaDb server = EmbeddedMariaDb.start(dataDir.resolve("mariadb"));
    if (demo != null) {
      loadDemoOnce(server, settings.database(), demo, dataDir);
    }
    SqlSettings reached = server.settings(settings);
    ReadOnlySql pool = ReadOnlySql.create(vertx, reached);
    return new SqlReplica(pool, pool, server, new JsonObject().put("sql.host", reached.host())
        .put("sql.port", reached.port()).put("sql.database", reached.database()).put("sql.user", reached.user())
        .put("sql.password", reached.password()).put("sql.embedded", false));
  }

  private static void loadDemoOnce(EmbeddedMariaDb server, String database, DemoLoader demo, Path dataDir) {
    Path loaded = dataDir.resolve("demo").resolve("sql.loaded");
    if (Files.exists(loaded)) {
      return;
    }
    server.createDatabase(database);
    server.load(database, demo.sqlScript());
    try {
      Files.writeString(loaded, database + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + loaded, e);
    }
    LOG.atInfo().addKeyValue("database", database).log("Demo LMS tables loaded into the embedded MariaDB");
  }

  /**
   * The {@code sql.*} settings another process of this node uses to reach the same replica (the embedded server
   * included); empty when there is none.
   */
  public JsonObject connectionSettings() {
    return connection.copy();
  }

  /** The handle modules get. */
  public Sql sql() {
    return sql;
  }

  @Override
  public void close() {
    try {
      if (pool != null) {
        pool.close().await(10, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      LOG.warn("Closing the SQL pool failed: {}", e.toString());
    } finally {
      if (embedded != null) {
        embedded.stop();
      }
    }
  }
}
