package org.anserv.runtime.sql;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's connect handler: before a new connection joins the pool it runs {@code SET SESSION TRANSACTION READ
 * ONLY}, so the server itself refuses writes on it whatever statement slips past {@link StatementCheck}, and sets the
 * server's statement time limit ({@code max_statement_time} on MariaDB, {@code max_execution_time} on MySQL) to the
 * query timeout, so a query the client gave up on does not run on.
 *
 * <p>If a connection cannot be made read-only, the pool still receives it (the pool API has no way to reject one), so
 * the failure is remembered and {@link ReadOnlySql} refuses every later query: it fails closed.
 */
final class ReadOnlySession implements Handler<SqlConnection> {

  private static final Logger LOG = LoggerFactory.getLogger(ReadOnlySession.class);

  private final Duration timeout;
  private volatile Throwable failure;

  ReadOnlySession(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public void handle(SqlConnection connection) {
    connection.query("SET SESSION TRANSACTION READ ONLY").execute()
        .onFailure(cause -> failure = cause)
        .compose(done -> limitStatementTime(connection))
        .onComplete(done -> connection.close());
  }

  /** Why a connection could not be made read-only, or {@code null} while every connection was. */
  Throwable failure() {
    return failure;
  }

  private Future<Void> limitStatementTime(SqlConnection connection) {
    boolean mariaDb = connection.databaseMetadata().productName().toLowerCase(Locale.ROOT).contains("maria");
    String limit = mariaDb
        ? "SET SESSION max_statement_time = " + timeout.toMillis() / 1000.0
        : "SET SESSION max_execution_time = " + timeout.toMillis();
    return connection.query(limit).execute()
        .<Void>mapEmpty()
        .recover(cause -> {
          // Not a safety matter: the client-side timeout still ends the wait.
          LOG.warn("Could not limit statement time on the SQL replica ({}): {}", limit, cause.getMessage());
          return Future.succeededFuture();
        });
  }
}
