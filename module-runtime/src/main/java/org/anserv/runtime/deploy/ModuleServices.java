package org.anserv.runtime.deploy;

import io.micrometer.core.instrument.MeterRegistry;
import org.anserv.api.Sql;
import org.anserv.runtime.RuntimeSettings;
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
 */
public record ModuleServices(RuntimeSettings settings, EventLog log, Databases databases, Sql sql,
    MeterRegistry meters) {
}
