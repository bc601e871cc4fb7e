package org.anserv.runtime.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.anserv.api.Db;
import org.anserv.api.ReadOnlyDb;

/**
 * Hands out module databases on one MongoDB deployment: one database per module, named {@code prefix + module}, one
 * connection pool per database. Vert.x closes a client with the verticle that created it, so each module verticle
 * keeps its own {@code Databases} (see {@link #sameDeployment()}), closed when it stops.
 */
public final class Databases {

  private final Vertx vertx;
  private final String connectionString;
  private final String prefix;
  private final ConcurrentHashMap<String, MongoClient> clients = new ConcurrentHashMap<>();
  private final AtomicReference<WriteFence> fence;

  /** Databases on the MongoDB at {@code connectionString}, named {@code prefix} + module name. */
  public Databases(Vertx vertx, String connectionString, String prefix) {
    this(vertx, connectionString, prefix, new AtomicReference<>(WriteFence.OPEN));
  }

  private Databases(Vertx vertx, String connectionString, String prefix, AtomicReference<WriteFence> fence) {
    this.vertx = vertx;
    this.connectionString = connectionString;
    this.prefix = prefix;
    this.fence = fence;
  }

  /** Puts every write of module state through {@code writes} (on these databases and their same deployments). */
  public void fence(WriteFence writes) {
    fence.set(writes);
  }

  /** The database of {@code module}, writable: only for the module itself, and through the write fence. */
  public Db own(String module) {
    return new MongoDb(client(module), databaseName(module), () -> fence.get().permit(module));
  }

  /** The database of {@code module}, read-only: for every other module. */
  public ReadOnlyDb readOnly(String module) {
    return new ReadOnlyMongoDb(client(module), databaseName(module));
  }

  /** The file store of {@code module}, on GridFS in its own database: only for the module itself. */
  public GridFsFiles files(String module) {
    return new GridFsFiles(vertx, client(module), module, () -> fence.get().permit(module));
  }

  /** The MongoDB database name of {@code module}. */
  public String databaseName(String module) {
    return prefix + module.replace('-', '_');
  }

  /** Databases on the same MongoDB with the same prefix, with connection pools of their own. */
  public Databases sameDeployment() {
    return new Databases(vertx, connectionString, prefix, fence);
  }

  /** Drops the database of {@code module}: used when a module's projection is rebuilt from scratch. */
  public Future<Void> drop(String module) {
    MongoClient client = MongoClient.create(vertx, config(module));
    return client.runCommand("dropDatabase", new JsonObject().put("dropDatabase", 1))
        .eventually(client::close).mapEmpty();
  }

  /** Closes every connection pool. */
  public Future<Void> close() {
    List<Future<Void>> closing = clients.values().stream().map(MongoClient::close).toList();
    clients.clear();
    return Future.join(closing).mapEmpty();
  }

  private MongoClient client(String module) {
    return clients.computeIfAbsent(module, m -> MongoClient.create(vertx, config(m)));
  }

  private JsonObject config(String module) {
    return new JsonObject().put("connection_string", connectionString).put("db_name", databaseName(module))
        .put("maxPoolSize", 8).put("minPoolSize", 0);
  }
}
