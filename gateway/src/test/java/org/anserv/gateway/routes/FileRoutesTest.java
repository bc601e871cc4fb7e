package org.anserv.gateway.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.anserv.gateway.dashboard.RunningServer;
import org.anserv.gateway.fixtures.FileKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A module's file store through HTTP: saved by the module, served at /files/{module}/{name} by the gateway. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FileRoutesTest {

  private RunningServer server;

  @BeforeAll
  void start(@TempDir Path dataDir) {
    server = RunningServer.start(dataDir);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private Object query(String path) {
    HttpResponse<Buffer> response = server.get(path);
    assertThat(response.statusCode()).as(path + ": " + response.bodyAsString()).isEqualTo(200);
    return Json.decodeValue(response.body());
  }

  @Test
  void servesAMegabyteBinaryByteForByteWithItsContentType() {
    Object url = query("/queries/file-keeper/save?name=big.png&size=1048583&type=image/png");

    assertThat(url).isEqualTo("/files/file-keeper/big.png");
    HttpResponse<Buffer> file = server.get("/files/file-keeper/big.png");
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.getHeader("Content-Type")).isEqualTo("image/png");
    assertThat(file.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(file.getHeader("Content-Security-Policy")).startsWith("sandbox;");
    assertThat(file.body().getBytes()).isEqualTo(FileKeeper.bytes(1_048_583));
    assertThat(query("/queries/file-keeper/size?name=big.png")).as("read through the handle").isEqualTo(1_048_583);
  }

  @Test
  void servesTextWithTheTypeTheModuleGave() {
    query("/queries/file-keeper/save?name=notes.csv&size=64&type=text/csv%3B%20charset%3Dutf-8");

    HttpResponse<Buffer> file = server.get("/files/file-keeper/notes.csv");
    assertThat(file.getHeader("Content-Type")).isEqualTo("text/csv; charset=utf-8");
    assertThat(file.body().getBytes()).isEqualTo(FileKeeper.bytes(64));
  }

  @Test
  void anExpiredFileIs404() throws InterruptedException {
    query("/queries/file-keeper/save?name=brief.bin&size=100&expiryMs=400");
    assertThat(server.get("/files/file-keeper/brief.bin").statusCode()).isEqualTo(200);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (server.get("/files/file-keeper/brief.bin").statusCode() == 200 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }

    HttpResponse<Buffer> expired = server.get("/files/file-keeper/brief.bin");
    assertThat(expired.statusCode()).isEqualTo(404);
    assertThat(query("/queries/file-keeper/size?name=brief.bin")).as("the module cannot read it either").isEqualTo(-1);
  }

  @Test
  void aDeletedFileIs404() {
    query("/queries/file-keeper/save?name=temp.bin&size=10");
    query("/queries/file-keeper/delete?name=temp.bin");

    assertThat(server.get("/files/file-keeper/temp.bin").statusCode()).isEqualTo(404);
  }

  @Test
  void anUnknownFileOrModuleIs404WithAJsonMessage() {
    HttpResponse<Buffer> unknown = server.get("/files/file-keeper/never.png");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.getHeader("Content-Type")).startsWith("application/json");
    assertThat(unknown.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", 404).put("error", "not_found")
        .put("message", "Module 'file-keeper' has no file 'never.png': it was never saved, was deleted, or has"
            + " expired."));

    HttpResponse<Buffer> noModule = server.get("/files/nobody/x.png");
    assertThat(noModule.statusCode()).isEqualTo(404);
    assertThat(noModule.bodyAsJsonObject().getString("message")).startsWith("No module serves File 'nobody/x.png'");
  }

  @Test
  void aNameThatIsNotAFileNameIs400() {
    HttpResponse<Buffer> response = server.get("/files/file-keeper/..hidden");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("message")).isEqualTo("'..hidden' is not a file name: names"
        + " are letters, digits, '.', '_' and '-', starting with a letter or digit.");
  }

  @Test
  void aModuleSavingUnderAnInvalidNameGetsTheReason() {
    HttpResponse<Buffer> response = server.get("/queries/file-keeper/save?name=-x&size=1");
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.bodyAsJsonObject().getString("message")).contains("File name '-x' of module 'file-keeper'"
        + " is not valid");
  }
}
