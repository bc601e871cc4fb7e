package org.anserv.runtime.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.GridFsUploadOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.MongoGridFsClient;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collector;
import org.anserv.api.FileStore;

/**
 * A module's {@link FileStore} on GridFS in the module's own database (bucket {@value #BUCKET}). The content type
 * and the expiry time (epoch milliseconds) are the file's metadata. Expiry is enforced here rather than by a TTL
 * index, which the embedded MongoDB does not apply: an expired file is neither read nor served, and
 * {@link #sweep(long)} deletes it.
 */
public final class GridFsFiles implements FileStore {

  /** The GridFS bucket: collections {@code anserv_files.files} and {@code anserv_files.chunks}. */
  static final String BUCKET = "anserv_files";
  private static final String FILES = BUCKET + ".files";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
  private static final Pattern PRINTABLE = Pattern.compile("[!-~][ -~]{0,254}");
  private static final Collector<Buffer, Buffer, Buffer> CONCAT =
      Collector.of(Buffer::buffer, Buffer::appendBuffer, Buffer::appendBuffer);

  /**
   * A stored file as the server serves it.
   *
   * @param contentType its media type
   * @param content its bytes
   */
  public record StoredFile(String contentType, Buffer content) {
  }

  private final Vertx vertx;
  private final MongoClient client;
  private final String module;
  private final Supplier<Future<Void>> fence;
  private Future<MongoGridFsClient> bucket;

  GridFsFiles(Vertx vertx, MongoClient client, String module, Supplier<Future<Void>> fence) {
    this.vertx = vertx;
    this.client = client;
    this.module = module;
    this.fence = fence;
  }

  /** Whether {@code name} may name a file: it is also a URL path segment, so no encoding is ever needed. */
  public static boolean validName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  @Override
  public Future<String> save(String name, String contentType, Buffer bytes, Duration expiry) {
    if (!validName(name)) {
      return Future.failedFuture(new IllegalArgumentException("File name '" + name + "' of module '" + module
          + "' is not valid: use 1 to 200 letters, digits, '.', '_' and '-', starting with a letter or digit."));
    }
    if (contentType == null || !PRINTABLE.matcher(contentType).matches() || bytes == null) {
      return Future.failedFuture(new IllegalArgumentException("File '" + name + "' of module '" + module
          + "' needs bytes and a content type, e.g. \"image/png\" or \"text/csv\"."));
    }
    if (expiry != null && (expiry.isNegative() || expiry.isZero())) {
      return Future.failedFuture(new IllegalArgumentException("File '" + name + "' of module '" + module
          + "' has expiry " + expiry + ": give a positive duration, or null to keep it until deleted."));
    }
    JsonObject metadata = new JsonObject().put("contentType", contentType);
    if (expiry != null) {
      metadata.put("expiresAt", System.currentTimeMillis() + expiry.toMillis());
    }
    GridFsUploadOptions options = new GridFsUploadOptions().setMetadata(metadata);
    return fence.get().compose(permitted -> bucket())
        .compose(fs -> fs.uploadByFileNameWithOptions(new BufferStream(vertx.getOrCreateContext(), bytes), name,
            options).compose(id -> keepNewest(fs, name)))
        // a shard's name carries a #, which a URL must escape
        .map(v -> "/files/" + module.replace("#", "%23") + "/" + name);
  }

  @Override
  public Future<Buffer> read(String name) {
    return stored(name, System.currentTimeMillis()).map(file -> file == null ? null : file.content());
  }

  @Override
  public Future<Void> delete(String name) {
    if (!validName(name)) {
      return Future.succeededFuture();
    }
    return fence.get().compose(permitted -> bucket())
        .compose(fs -> fs.findIds(new JsonObject().put("filename", name)).compose(ids -> delete(fs, ids)))
        .mapEmpty();
  }

  /** File {@code name} with its content type, or {@code null} when there is none or it expired by {@code now}. */
  public Future<StoredFile> stored(String name, long nowMillis) {
    if (!validName(name)) {
      return Future.succeededFuture();
    }
    return versions(name).compose(files -> {
      if (files.isEmpty() || expired(files.getFirst(), nowMillis)) {
        return Future.succeededFuture();
      }
      JsonObject file = files.getFirst();
      String contentType = file.getJsonObject("metadata", new JsonObject())
          .getString("contentType", "application/octet-stream");
      return bucket().compose(fs -> fs.readById(id(file)).collect(CONCAT))
          .map(content -> new StoredFile(contentType, content));
    });
  }

  /** Deletes every file that expired by {@code nowMillis}; the future tells how many. */
  public Future<Integer> sweep(long nowMillis) {
    JsonObject expired = new JsonObject().put("metadata.expiresAt", new JsonObject().put("$lte", nowMillis));
    return bucket().compose(fs -> fs.findIds(expired).compose(ids -> delete(fs, ids)));
  }

  // Replacing is upload-then-delete, so a reader never finds no file; concurrent saves leave the newest.
  private Future<Integer> keepNewest(MongoGridFsClient fs, String name) {
    return versions(name).compose(files -> delete(fs, files.stream().skip(1).map(GridFsFiles::id).toList()));
  }

  private Future<List<JsonObject>> versions(String name) {
    FindOptions newestFirst = new FindOptions().setSort(new JsonObject().put("uploadDate", -1).put("_id", -1))
        .setFields(new JsonObject().put("_id", 1).put("metadata", 1));
    return client.findWithOptions(FILES, new JsonObject().put("filename", name), newestFirst);
  }

  private static Future<Integer> delete(MongoGridFsClient fs, List<String> ids) {
    return Future.all(ids.stream().map(fs::delete).toList()).map(v -> ids.size());
  }

  private static boolean expired(JsonObject file, long nowMillis) {
    Long expiresAt = file.getJsonObject("metadata", new JsonObject()).getLong("expiresAt");
    return expiresAt != null && expiresAt <= nowMillis;
  }

  // The client answers an ObjectId either as its hex string or as {"$oid": hex}, depending on its settings.
  private static String id(JsonObject file) {
    Object id = file.getValue("_id");
    return id instanceof JsonObject oid ? oid.getString("$oid") : String.valueOf(id);
  }

  private synchronized Future<MongoGridFsClient> bucket() {
    if (bucket == null || bucket.failed()) {
      bucket = client.createGridFsBucketService(BUCKET);
    }
    return bucket;
  }
}
