package org.anserv.runtime.deploy;

import io.micrometer.core.instrument.MeterRegistry;
import org.anserv.api.Sql;
import org.anserv.runtime.RuntimeSettings;
import org.anserv.runtime.actor.ExternalIds;
import org.anserv.runtime.call.ModuleCalls;
import org.anserv.runtime.log.EventLog;
import org.anserv.runtime.store.Databases;

/**
 * What the runtime shares with every module verticle it deploys.
 *
 * @param settings timeouts and limits
 * @param log the event log every feed reads
 * @param databases module databases
 * @param sql the SQL read-replica handle
 * @param meters where module metrics go
 * @param actors resolves xAPI statements' actors to users, shared by every module
 * @param calls how modules' queries reach other modules
 */
public record ModuleServices(RuntimeSettings settings, EventLog log, Databases databases, Sql sql,
    MeterRegistry meters, ExternalIds actors, ModuleCalls calls) {

  /** Services whose actors are resolved through {@code sql}. */
  public ModuleServices(RuntimeSettings settings, EventLog log, Databases databases, Sql sql, MeterRegistry meters,
      ModuleCalls calls) {
    this(settings, log, databases, sql, meters, new ExternalIds(sql, meters), calls);
  }
}
