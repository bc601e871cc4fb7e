package org.anserv.runtime.store;

import io.vertx.ext.mongo.MongoClient;
import org.anserv.api.ReadOnlyCollection;
import org.anserv.api.ReadOnlyDb;

/**
 * Another module's database, given read-only: no method here or on its collections writes, and an instance of this
 * class is never a {@link org.anserv.api.Db}, so a cast cannot turn it into one.
 */
class ReadOnlyMongoDb implements ReadOnlyDb {

  protected final MongoClient client;
  private final String name;

  ReadOnlyMongoDb(MongoClient client, String name) {
    this.client = client;
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ReadOnlyCollection readCollection(String collection) {
    return new ReadOnlyMongoCollection(client, collection);
  }
}
