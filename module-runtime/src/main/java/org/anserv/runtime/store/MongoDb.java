package org.anserv.runtime.store;

import io.vertx.core.Future;
import io.vertx.ext.mongo.MongoClient;
import java.util.function.Supplier;
import org.anserv.api.Collection;
import org.anserv.api.Db;

/** A module's own database: the read-only view plus writable collections. */
final class MongoDb extends ReadOnlyMongoDb implements Db {

  private final Supplier<Future<Void>> fence;

  MongoDb(MongoClient client, String name, Supplier<Future<Void>> fence) {
    super(client, name);
    this.fence = fence;
  }

  @Override
  public Collection collection(String collection) {
    return new MongoCollection(client, collection, fence);
  }
}
