package org.anserv.runtime.deploy;

import io.vertx.core.Vertx;
import org.anserv.api.Db;
import org.anserv.api.Emitter;
import org.anserv.api.Event;
import org.anserv.api.FileStore;
import org.anserv.api.Queries;
import org.anserv.api.ReadOnlyDb;
import org.anserv.api.Sql;
import org.anserv.runtime.call.ModuleCalls;
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
  private final EmitBudget emitBudget;
  private final Runnable emitRefused;

  /**
   * Handles of {@code instance} of {@code module} (its name, or a shard's): state and files are the instance's own,
   * emitted events name the module.
   */
  RuntimeHandles(Vertx vertx, String module, String instance, Databases databases, Sql sql, ModuleCalls calls,
      long timeoutMillis, int emitsPerSecond, Runnable emitRefused) {
    this.vertx = vertx;
    this.module = module;
    this.databases = databases;
    this.db = databases.own(instance);
    this.queries = new BusQueries(calls, timeoutMillis);
    // Only the query method reaches modules: the runtime's class also closes the shared pool, and a module that
    // cast its handle to it could close the replica for everyone.
    this.sql = sql::query;
    this.files = databases.files(instance);
    this.timeoutMillis = timeoutMillis;
    this.emitBudget = new EmitBudget(emitsPerSecond);
    this.emitRefused = emitRefused;
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
    return new BusEmitter(vertx, module, cause, timeoutMillis, emitBudget, emitRefused);
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
