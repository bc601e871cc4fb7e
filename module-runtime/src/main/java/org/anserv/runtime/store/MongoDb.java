package org.anserv.runtime.store;

import io.vertx.ext.mongo.MongoClient;
import org.anserv.api.Collection;
import org.anserv.api.Db;
import org.anserv.api.ReadOnlyCollection;

/** A module's own database. */
final class MongoDb implements Db {

  private final MongoClient client;
  private final String name;

  MongoDb(MongoClient client, String name) {
    this.client = client;
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Collection collection(String collection) {
    return new MongoCollection(client, collection);
  }

  @Override
  public ReadOnlyCollection readCollection(String collection) {
    return new ReadOnlyMongoCollection(client, collection);
  }
}
