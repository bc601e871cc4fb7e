package org.anserv.runtime.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.List;
import java.util.stream.Collectors;
import org.anserv.api.ReadOnlyCollection;

/**
 * Reads of one collection through vertx-mongo-client. Only reads are reachable from this class: it is what another
 * module's {@link org.anserv.api.ReadOnlyDb} hands out, so a cast cannot turn it into a writable collection.
 */
class ReadOnlyMongoCollection implements ReadOnlyCollection {

  protected final MongoClient client;
  protected final String name;

  ReadOnlyMongoCollection(MongoClient client, String name) {
    this.client = client;
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Future<List<JsonObject>> find(JsonObject query) {
    return client.find(name, query);
  }

  @Override
  public Future<List<JsonObject>> find(JsonObject query, JsonObject sort, int limit) {
    FindOptions options = new FindOptions();
    if (sort != null) {
      options.setSort(sort);
    }
    if (limit > 0) {
      options.setLimit(limit);
    }
    return client.findWithOptions(name, query, options);
  }

  @Override
  public Future<JsonObject> findOne(JsonObject query) {
    return client.findOne(name, query, null);
  }

  @Override
  public Future<Long> count(JsonObject query) {
    return client.count(name, query);
  }

  // Through $group rather than the driver's distinct, which needs one Java result type for the field's values.
  @Override
  public Future<JsonArray> distinct(String field, JsonObject query) {
    JsonArray pipeline = new JsonArray()
        .add(new JsonObject().put("$match", query))
        .add(new JsonObject().put("$group", new JsonObject().put("_id", "$" + field)));
    return client.aggregate(name, pipeline).collect(Collectors.toList()).map(groups -> {
      JsonArray values = new JsonArray();
      groups.forEach(group -> {
        if (group.getValue("_id") != null) {
          values.add(group.getValue("_id"));
        }
      });
      return values;
    });
  }

  @Override
  public Future<List<JsonObject>> aggregate(JsonArray pipeline) {
    for (Object stage : pipeline) {
      if (stage instanceof JsonObject s && (s.containsKey("$out") || s.containsKey("$merge")) && !writable()) {
        return Future.failedFuture(new IllegalStateException("Collection '" + name + "' is read-only here: an"
            + " aggregation with $out or $merge would write; run it in the module that owns the database."));
      }
    }
    return client.aggregate(name, pipeline).collect(Collectors.toList());
  }

  boolean writable() {
    return false;
  }
}
