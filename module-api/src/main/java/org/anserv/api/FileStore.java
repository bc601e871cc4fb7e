package org.anserv.api;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;

/**
 * The module's own file store: bytes kept under a name with their content type, served by the server at
 * {@code /files/{module}/{name}} until they expire. Injected by declaring a {@code FileStore} parameter in any kind of
 * method. Files live in the module's own database (MongoDB GridFS), so rebuilding the module from the event log
 * removes them with the rest of its state.
 *
 * <p>Names are 1 to 200 letters, digits, {@code .}, {@code _} and {@code -}, starting with a letter or digit, so a
 * name is its own URL segment. Saving under a name already in use replaces that file.
 *
 * <pre>{@code
 * @Cron(every = "1h")
 * public Future<Void> export(Db db, FileStore files) {
 *   return csv(db).compose(bytes -> files.save("grades.csv", "text/csv", bytes, Duration.ofDays(1))).mapEmpty();
 * }
 *
 * @View
 * public Template chart() {
 *   // saved earlier by a cron as "activity.png"; CSP allows images from the server itself
 *   return Template.of("templates/mine/chart.hbs", new JsonObject().put("src", "/files/mine/activity.png"));
 * }
 * }</pre>
 */
public interface FileStore {

  /**
   * Stores {@code bytes} under {@code name}, replacing any file of that name.
   *
   * @param name the file's name, e.g. {@code report.csv}
   * @param contentType the media type the server answers with, e.g. {@code image/png} or {@code text/csv}
   * @param bytes the content
   * @param expiry how long the file is kept; {@code null} keeps it until deleted. After it the file is neither served
   *     nor read, and the runtime deletes it.
   * @return the path the server serves it at, {@code /files/{module}/{name}}; fails with
   *     {@link IllegalArgumentException} for an invalid name, a blank content type or an expiry that is not positive
   */
  Future<String> save(String name, String contentType, Buffer bytes, Duration expiry);

  /** The content of file {@code name}; {@code null} when there is none or it has expired. */
  Future<Buffer> read(String name);

  /** Deletes file {@code name}; succeeds also when there is none. */
  Future<Void> delete(String name);
}
