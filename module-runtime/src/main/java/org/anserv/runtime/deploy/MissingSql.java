package org.anserv.runtime.deploy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.anserv.api.QueryFailure;
import org.anserv.api.Sql;

/**
 * The SQL handle when no read-replica is configured: every query fails with a {@code 503} {@link QueryFailure} saying
 * how to configure one. A missing replica is the server's configuration, not a fault of the module that asked, so it
 * must neither read as a module failure ({@code 500}) nor count against the module's failure budget.
 */
public final class MissingSql implements Sql {

  @Override
  public Future<List<JsonObject>> query(String statement, Object... params) {
    return Future.failedFuture(new QueryFailure(503, "No SQL read-replica is configured, so this needs data the server"
        + " cannot read: set sql.host, sql.user, sql.password and sql.database to the platform's MySQL/MariaDB"
        + " replica, or set sql.embedded=true (or start with --demo) for the embedded one."));
  }
}
