package org.anserv.runtime.sql;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.anserv.api.Sql;

/**
 * The {@link Sql} handle given to modules: read-only access to the MySQL/MariaDB read-replica through a
 * vertx-mysql-client pool. One instance serves every module; it is safe to call from any thread or context.
 *
 * <p>Read-only is enforced twice, not by convention:
 * <ol>
 *   <li>each statement is checked first ({@link StatementCheck}): only {@code SELECT}, {@code WITH ... SELECT},
 *       {@code SHOW}, {@code DESCRIBE} and {@code EXPLAIN} run, one statement at a time, without {@code INTO},
 *       locking clauses or executable comments; anything else fails with a {@link RefusedStatementException} such as
 *       {@code the SQL replica is read-only: only SELECT, SHOW, DESCRIBE and EXPLAIN run; refused: DELETE FROM ...};
 *   <li>every pooled connection runs {@code SET SESSION TRANSACTION READ ONLY} before first use
 *       ({@link ReadOnlySession}), so the server refuses a write that got past the check; if that ever fails, every
 *       query is refused.
 * </ol>
 * Statements also run as prepared statements, which the server never splits into several. Give the replica an
 * account that may only {@code SELECT} as a third guard.
 *
 * <p>Parameters bind to {@code ?} in order ({@code Tuple.from}); {@link Instant}, {@link OffsetDateTime} and
 * {@link ZonedDateTime} are sent as UTC {@code DATETIME}s, {@code byte[]} as binary. Rows come back as JSON objects
 * keyed by column label ({@link JsonRows} lists the value conversions). Each query has the configured timeout, on the
 * client and as the server's statement time limit. Failures are failed futures, never exceptions: a refusal, the
 * server's own error ({@code io.vertx.mysqlclient.MySQLException} with its message and code), or a
 * {@link TimeoutException}.
 */
public final class ReadOnlySql implements Sql {

  private final Pool pool;
  private final ReadOnlySession session;
  private final long timeoutMillis;

  private ReadOnlySql(Pool pool, ReadOnlySession session, long timeoutMillis) {
    this.pool = pool;
    this.session = session;
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * A handle on the replica that {@code settings} describe. Connections open lazily, on the first query, so this
   * neither blocks nor fails when the server is down; a query then fails with the connection error.
   */
  public static ReadOnlySql create(Vertx vertx, SqlSettings settings) {
    ReadOnlySession session = new ReadOnlySession(settings.timeout());
    MySQLConnectOptions connect = new MySQLConnectOptions()
        .setHost(settings.host())
        .setPort(settings.port())
        .setDatabase(settings.database())
        .setUser(settings.user())
        .setPassword(settings.password())
        .setCharset("utf8mb4")
        .setCachePreparedStatements(true);
    Pool pool = MySQLBuilder.pool()
        .with(new PoolOptions().setMaxSize(settings.poolSize()))
        .connectingTo(connect)
        .withConnectHandler(session)
        .using(vertx)
        .build();
    return new ReadOnlySql(pool, session, settings.timeout().toMillis());
  }

  @Override
  public Future<List<JsonObject>> query(String statement, Object... params) {
    String admitted;
    try {
      admitted = StatementCheck.admit(statement);
    } catch (RefusedStatementException refused) {
      return Future.failedFuture(refused);
    }
    return execute(admitted, params);
  }

  /** Closes the pool and its connections. */
  public Future<Void> close() {
    return pool.close();
  }

  /**
   * Runs a statement on a pooled connection without the statement check: only the session guard stands. Package
   * private so that tests can show that guard holds on its own.
   */
  Future<List<JsonObject>> execute(String statement, Object... params) {
    Tuple tuple = Tuple.wrap(params == null ? List.of() : Arrays.stream(params).map(ReadOnlySql::bindable).toList());
    return pool.withConnection(connection -> {
          Throwable failure = session.failure();
          if (failure != null) {
            return Future.failedFuture(new RefusedStatementException(StatementCheck.READ_ONLY
                + "a connection could not be made read-only (" + failure.getMessage() + "), so no statement runs"));
          }
          return connection.preparedQuery(statement).execute(tuple);
        })
        .map(JsonRows::of)
        .timeout(timeoutMillis, MILLISECONDS)
        .recover(cause -> Future.failedFuture(cause instanceof TimeoutException
            ? new TimeoutException("SQL query timed out after " + timeoutMillis + " ms: "
                + StatementCheck.excerpt(statement))
            : cause));
  }

  /** A parameter as the client can send it; the client sends what it does not know as its string form. */
  private static Object bindable(Object param) {
    return switch (param) {
      case Instant i -> LocalDateTime.ofInstant(i, ZoneOffset.UTC);
      case OffsetDateTime t -> t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
      case ZonedDateTime t -> t.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
      case byte[] bytes -> Buffer.buffer(bytes);
      case BigDecimal d -> d.toPlainString();
      case null, default -> param;
    };
  }
}
