package org.anserv.runtime.deploy;

import io.vertx.core.Vertx;
import org.anserv.api.Db;
import org.anserv.api.Emitter;
import org.anserv.api.Event;
import org.anserv.api.FileStore;
import org.anserv.api.Queries;
import org.anserv.api.ReadOnlyDb;
import org.anserv.api.Sql;
import org.anserv.runtime.inject.ModuleHandles;
import org.anserv.runtime.store.Databases;
import org.anserv.runtime.store.GridFsFiles;

/** The handles of one deployed module, created once and shared by all its calls. */
final class RuntimeHandles implements ModuleHandles {

  private final Vertx vertx;
  private final String module;
  private final Databases databases;
  private final Db db;
  private final Queries queries;
  private final Sql sql;
  private final GridFsFiles files;
  private final long timeoutMillis;

  RuntimeHandles(Vertx vertx, String module, Databases databases, Sql sql, long timeoutMillis) {
    this.vertx = vertx;
    this.module = module;
    this.databases = databases;
    this.db = databases.own(module);
    this.queries = new BusQueries(vertx, timeoutMillis);
    this.sql = sql;
    this.files = databases.files(module);
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public Db db() {
    return db;
  }

  @Override
  public ReadOnlyDb readOnly(String other) {
    return databases.readOnly(other);
  }

  @Override
  public Emitter emitter(Event cause) {
    return new BusEmitter(vertx, module, cause, timeoutMillis);
  }

  @Override
  public Queries queries() {
    return queries;
  }

  @Override
  public Sql sql() {
    return sql;
  }

  @Override
  public GridFsFiles files() {
    return files;
  }
}
