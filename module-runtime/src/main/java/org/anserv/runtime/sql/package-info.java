/**
 * The read-only SQL handle on the platform's MySQL/MariaDB read-replica ({@link org.anserv.runtime.sql.ReadOnlySql},
 * configured by {@link org.anserv.runtime.sql.SqlSettings}) and the embedded MariaDB that stands in for the replica
 * in the demo and tests ({@link org.anserv.runtime.sql.EmbeddedMariaDb}).
 *
 * <p>Wiring: read {@code SqlSettings.fromConfig(config)}; if {@code embedded()}, start
 * {@code EmbeddedMariaDb.start(dataDir.resolve("mariadb"))} off the event loop, create and load the database, and use
 * {@code db.settings(settings)}; then inject {@code ReadOnlySql.create(vertx, settings)} wherever a module asks for
 * {@link org.anserv.api.Sql}.
 */
package org.anserv.runtime.sql;
