package org.anserv.runtime.deploy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.anserv.api.Sql;

/** The SQL handle when no read-replica is configured: every query fails saying how to configure one. */
public final class MissingSql implements Sql {

  @Override
  public Future<List<JsonObject>> query(String statement, Object... params) {
    return Future.failedFuture(new IllegalStateException("No SQL read-replica is configured: set sql.host, sql.user,"
        + " sql.password and sql.database, or start with --demo for the embedded one."));
  }
}
