package org.anserv.runtime.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith({VertxExtension.class, MariaDbExtension.class})
class EmbeddedMariaDbTest {

  @Test
  void refusesASecondServerOnADirectoryInUse(EmbeddedMariaDb shared) {
    assertThatThrownBy(() -> EmbeddedMariaDb.start(shared.directory()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Another embedded MariaDB is using " + shared.directory() + " (it is locked): give each process "
            + "its own directory");
  }

  @Test
  void loadsScriptsFromFilesAndReadersInUtf8mb4(EmbeddedMariaDb shared, Vertx vertx, @TempDir Path dir)
      throws IOException {
    Path script = Files.writeString(dir.resolve("names.sql"), "CREATE TABLE names (id int PRIMARY KEY, name "
        + "varchar(50));\nINSERT INTO names VALUES (1, 'Zoë'), (2, '李雷');\n");
    shared.createDatabase("load_test");

    shared.load("load_test", script);
    shared.load("load_test", new StringReader("INSERT INTO names VALUES (3, 'emoji 😀');"));

    assertThat(query(vertx, shared, "load_test", "SELECT name FROM names ORDER BY id"))
        .extracting(row -> row.getString("name")).containsExactly("Zoë", "李雷", "emoji 😀");
  }

  @Test
  void reportsTheFailingStatementOfAScript(EmbeddedMariaDb shared, @TempDir Path dir) throws IOException {
    Path script = Files.writeString(dir.resolve("broken.sql"), "CREATE TABLE fine (i int);\n"
        + "INSERT INTO missing VALUES (1);\nCREATE TABLE never (i int);\n");
    shared.createDatabase("broken_test");

    assertThatThrownBy(() -> shared.load("broken_test", script))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Embedded MariaDB failed loading " + script + " into broken_test: ERROR 1146 (42S02) at line 2: "
            + "Table 'broken_test.missing' doesn't exist (statement: INSERT INTO missing VALUES (1))");
    assertThatThrownBy(() -> shared.load("broken_test", new StringReader("SELECT 1;\nSELEC 2;")))
        .hasMessageStartingWith("Embedded MariaDB failed loading a script into broken_test: ERROR 1064 (42000) at "
            + "line 2: You have an error in your SQL syntax");
  }

  @Test
  void createDatabaseStartsFromEmpty(EmbeddedMariaDb shared, Vertx vertx) {
    shared.createDatabase("recreated");
    shared.load("recreated", new StringReader("CREATE TABLE old (i int);"));

    shared.createDatabase("recreated");

    assertThat(query(vertx, shared, "recreated", "SHOW TABLES")).isEmpty();
  }

  @Test
  void rejectsDatabaseNamesThatAreNotPlainIdentifiers(EmbeddedMariaDb shared) {
    assertThatThrownBy(() -> shared.createDatabase("x`; DROP DATABASE mysql; --"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A database name must be 1 to 64 letters, digits or underscores, got 'x`; DROP DATABASE mysql; --'");
  }

  /**
   * A JVM killed with SIGKILL runs no shutdown hook, so its mariadbd lives on, holding the data directory. The next
   * start on that directory must end it and reuse the data.
   */
  @Test
  void stopsAServerOrphanedByAKilledJvmAndKeepsItsData(Vertx vertx) throws Exception {
    Path dir = Path.of("target", "mariadb", "orphan").toAbsolutePath();
    Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp",
        System.getProperty("java.class.path"), OrphanMaker.class.getName(), dir.toString())
        .redirectErrorStream(true).start();
    long orphanPid;
    try {
      orphanPid = awaitReady(child);
    } finally {
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(alive(orphanPid)).as("mariadbd outlives its killed JVM").isTrue();

    EmbeddedMariaDb restarted = EmbeddedMariaDb.start(dir);
    long restartedPid = Long.parseLong(Files.readString(dir.resolve("mariadbd.pid")).trim());
    try {
      assertThat(alive(orphanPid)).as("the orphan is stopped").isFalse();
      assertThat(query(vertx, restarted, "survivor", "SELECT note FROM notes"))
          .containsExactly(new JsonObject().put("note", "written before the crash"));
    } finally {
      restarted.stop();
      restarted.stop();
    }
    assertThat(alive(restartedPid)).as("stop() ends the server").isFalse();
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static long awaitReady(Process child) throws IOException {
    BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    for (String line = output.readLine(); line != null; line = output.readLine()) {
      if (line.startsWith("READY ")) {
        return Long.parseLong(line.substring("READY ".length()));
      }
    }
    throw new AssertionError("the child JVM ended before its server was ready; exit " + child.exitValue());
  }

  private static List<JsonObject> query(Vertx vertx, EmbeddedMariaDb db, String database, String statement) {
    ReadOnlySql sql = ReadOnlySql.create(vertx, db.settings(SqlSettings.defaults().withDatabase(database)));
    try {
      return sql.query(statement).await(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      sql.close();
    }
  }

  /** Run in a child JVM: starts a server, writes a row, prints its pid, then waits to be killed. */
  public static final class OrphanMaker {

    public static void main(String[] args) throws Exception {
      EmbeddedMariaDb db = EmbeddedMariaDb.start(Path.of(args[0]));
      db.createDatabase("survivor");
      db.load("survivor", new StringReader("CREATE TABLE notes (note varchar(50)); "
          + "INSERT INTO notes VALUES ('written before the crash');"));
      System.out.println("READY " + Files.readString(db.directory().resolve("mariadbd.pid")).trim());
      System.out.flush();
      Thread.sleep(TimeUnit.MINUTES.toMillis(5));
    }
  }
}
