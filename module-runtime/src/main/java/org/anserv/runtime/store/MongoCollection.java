package org.anserv.runtime.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.MongoClientUpdateResult;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.List;
import java.util.function.Supplier;
import org.anserv.api.Collection;

/** Reads and writes of one collection of a module's own database; writes pass the {@link WriteFence} first. */
final class MongoCollection extends ReadOnlyMongoCollection implements Collection {

  private final Supplier<Future<Void>> fence;

  MongoCollection(MongoClient client, String name, Supplier<Future<Void>> fence) {
    super(client, name);
    this.fence = fence;
  }

  private <T> Future<T> fenced(Supplier<Future<T>> write) {
    return fence.get().compose(permitted -> write.get());
  }

  @Override
  boolean writable() {
    return true;
  }

  @Override
  public Future<String> insert(JsonObject document) {
    return fenced(() -> client.insert(name, document)
        .map(id -> id != null ? id : String.valueOf(document.getValue("_id"))));
  }

  @Override
  public Future<Void> insertMany(List<JsonObject> documents) {
    if (documents.isEmpty()) {
      return Future.succeededFuture();
    }
    return fenced(() -> client.bulkWrite(name, documents.stream().map(BulkOperation::createInsert).toList())
        .mapEmpty());
  }

  @Override
  public Future<Void> save(JsonObject query, JsonObject document) {
    return fenced(() -> client.replaceDocumentsWithOptions(name, query, document,
        new UpdateOptions().setUpsert(true)).mapEmpty());
  }

  @Override
  public Future<Long> update(JsonObject query, JsonObject update, boolean upsert) {
    UpdateOptions options = new UpdateOptions().setUpsert(upsert).setMulti(true);
    return fenced(() -> client.updateCollectionWithOptions(name, query, update, options)
        .map(MongoCollection::touched));
  }

  @Override
  public Future<Void> increment(JsonObject query, String field, long by) {
    JsonObject update = new JsonObject().put("$inc", new JsonObject().put(field, by));
    return fenced(() -> client.updateCollectionWithOptions(name, query, update, new UpdateOptions().setUpsert(true))
        .mapEmpty());
  }

  @Override
  public Future<Long> delete(JsonObject query) {
    return fenced(() -> client.removeDocuments(name, query).map(r -> r.getRemovedCount()));
  }

  @Override
  public Future<Void> createIndex(JsonObject keys, boolean unique) {
    return fenced(() -> client.createIndexWithOptions(name, keys, new IndexOptions().unique(unique)));
  }

  private static long touched(MongoClientUpdateResult result) {
    return result.getDocMatched() + (result.getDocUpsertedId() != null ? 1 : 0);
  }
}
