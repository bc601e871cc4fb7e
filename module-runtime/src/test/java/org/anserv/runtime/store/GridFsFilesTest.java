package org.anserv.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The GridFS file store on the embedded MongoDB: content, content type, replacement, expiry. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GridFsFilesTest {

  private Vertx vertx;
  private EmbeddedMongo mongo;
  private Databases databases;
  private GridFsFiles files;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    mongo = EmbeddedMongo.inMemory();
    databases = new Databases(vertx, mongo.connectionString(), "test_");
    files = databases.files("reports");
  }

  @AfterEach
  void stop() {
    await(databases.close());
    await(vertx.close());
    mongo.close();
  }

  @Test
  void keepsAMegabyteOfBinaryByteForByteWithItsContentType() {
    Buffer bytes = randomBytes(1_048_583);

    String url = await(files.save("chart.png", "image/png", bytes, null));

    assertThat(url).isEqualTo("/files/reports/chart.png");
    GridFsFiles.StoredFile stored = await(files.stored("chart.png", System.currentTimeMillis()));
    assertThat(stored.contentType()).isEqualTo("image/png");
    assertThat(stored.content().getBytes()).isEqualTo(bytes.getBytes());
    assertThat(await(files.read("chart.png")).getBytes()).isEqualTo(bytes.getBytes());
  }

  @Test
  void keepsAnEmptyFile() {
    await(files.save("empty.txt", "text/plain", Buffer.buffer(), null));

    assertThat(await(files.read("empty.txt")).length()).isZero();
  }

  @Test
  void savingUnderAUsedNameReplacesTheFile() {
    await(files.save("report.csv", "text/csv", Buffer.buffer("a,b\n1,2\n"), null));
    await(files.save("report.csv", "text/plain", Buffer.buffer("replaced"), null));

    GridFsFiles.StoredFile stored = await(files.stored("report.csv", System.currentTimeMillis()));
    assertThat(stored.content().toString()).isEqualTo("replaced");
    assertThat(stored.contentType()).isEqualTo("text/plain");
    assertThat(await(files.sweep(Long.MAX_VALUE))).as("no expiry, nothing swept").isZero();
  }

  @Test
  void anExpiredFileIsNeitherReadNorServedAndTheSweepDeletesIt() {
    long now = System.currentTimeMillis();
    await(files.save("today.csv", "text/csv", Buffer.buffer("x"), Duration.ofMinutes(1)));
    await(files.save("forever.csv", "text/csv", Buffer.buffer("y"), null));

    assertThat(await(files.stored("today.csv", now + 59_000))).isNotNull();
    assertThat(await(files.stored("today.csv", now + 61_000))).isNull();

    assertThat(await(files.sweep(now + 30_000))).isZero();
    assertThat(await(files.sweep(now + 61_000))).isEqualTo(1);
    assertThat(await(files.stored("today.csv", now))).as("deleted, not just hidden").isNull();
    assertThat(await(files.read("forever.csv")).toString()).isEqualTo("y");
  }

  @Test
  void deleteRemovesAFileAndIgnoresAnUnknownOne() {
    await(files.save("gone.txt", "text/plain", Buffer.buffer("bye"), null));

    await(files.delete("gone.txt"));
    await(files.delete("never-saved.txt"));

    assertThat(await(files.read("gone.txt"))).isNull();
  }

  @Test
  void filesOfOneModuleAreNotAnothersAndUnknownNamesReadAsNull() {
    await(files.save("shared-name.txt", "text/plain", Buffer.buffer("mine"), null));

    assertThat(await(databases.files("other").read("shared-name.txt"))).isNull();
    assertThat(await(files.read("no-such-file"))).isNull();
    assertThat(await(files.read("../etc/passwd"))).isNull();
  }

  @Test
  void rejectsNamesThatAreNotAUrlSegmentAndExpiriesThatAreNotPositive() {
    assertThatThrownBy(() -> await(files.save("a/b.png", "image/png", Buffer.buffer("x"), null)))
        .hasMessage("File name 'a/b.png' of module 'reports' is not valid: use 1 to 200 letters, digits, '.', '_'"
            + " and '-', starting with a letter or digit.");
    assertThatThrownBy(() -> await(files.save("a.png", " ", Buffer.buffer("x"), null)))
        .hasMessage("File 'a.png' of module 'reports' needs bytes and a content type, e.g. \"image/png\" or"
            + " \"text/csv\".");
    assertThatThrownBy(() -> await(files.save("a.png", "image/png", Buffer.buffer("x"), Duration.ZERO)))
        .hasMessage("File 'a.png' of module 'reports' has expiry PT0S: give a positive duration, or null to keep"
            + " it until deleted.");
  }

  private static Buffer randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(42).nextBytes(bytes);
    return Buffer.buffer(bytes);
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(20, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("timed out", e);
    }
  }
}
