package org.anserv.runtime.store;

import io.vertx.ext.mongo.MongoClient;
import org.anserv.api.Collection;
import org.anserv.api.Db;

/** A module's own database: the read-only view plus writable collections. */
final class MongoDb extends ReadOnlyMongoDb implements Db {

  MongoDb(MongoClient client, String name) {
    super(client, name);
  }

  @Override
  public Collection collection(String collection) {
    return new MongoCollection(client, collection);
  }
}
