package org.anserv.runtime.sql;

import static org.anserv.runtime.sql.MariaDbExtension.DATABASE;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.mysqlclient.MySQLException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith({VertxExtension.class, MariaDbExtension.class})
@Timeout(value = 15, timeUnit = TimeUnit.SECONDS)
class ReadOnlySqlTest {

  private static final String COURSE = "course-v1:MITx+6.002x+2024_T1";

  private static SqlSettings settings;
  private static ReadOnlySql sql;

  @BeforeAll
  static void connect(Vertx vertx, EmbeddedMariaDb db) {
    settings = db.settings(SqlSettings.defaults().withDatabase(DATABASE));
    sql = ReadOnlySql.create(vertx, settings);
  }

  @AfterAll
  static void close(VertxTestContext testContext) {
    sql.close().onComplete(testContext.succeedingThenComplete());
  }

  @Test
  void selectBindsParametersAndKeysRowsByColumnLabel(VertxTestContext testContext) {
    sql.query("SELECT u.username AS learner, e.mode FROM student_courseenrollment e JOIN auth_user u "
            + "ON u.id = e.user_id WHERE e.course_id = ? AND e.is_active = ? ORDER BY u.username", COURSE, true)
        .onComplete(testContext.succeeding(rows -> testContext.verify(() -> {
          assertThat(rows).containsExactly(
              new JsonObject().put("learner", "alice").put("mode", "verified"),
              new JsonObject().put("learner", "bob").put("mode", "audit"));
          testContext.completeNow();
        })));
  }

  @Test
  void keepsNullsAsExplicitNulls(VertxTestContext testContext) {
    sql.query("SELECT username, last_login FROM auth_user WHERE id = ?", 2)
        .onComplete(testContext.succeeding(rows -> testContext.verify(() -> {
          assertThat(rows).hasSize(1);
          assertThat(rows.get(0).fieldNames()).containsExactly("username", "last_login");
          assertThat(rows.get(0).getValue("last_login")).isNull();
          testContext.completeNow();
        })));
  }

  @Test
  void convertsTemporalDecimalAndBinaryValuesToJsonFriendlyOnes(VertxTestContext testContext) {
    sql.query("SELECT date_joined, DATE(date_joined) AS day, TIMEDIFF('2024-01-01 12:30:15', '2024-01-02 00:00:00') AS gap, "
            + "CAST(12.5 AS DECIMAL(6,2)) AS price, (SELECT SUM(id) FROM auth_user) AS id_sum, "
            + "(SELECT AVG(is_staff) FROM auth_user) AS staff_share, X'00FF10' AS bytes, is_staff, 1.5e0 AS ratio "
            + "FROM auth_user WHERE username = ?", "bob")
        .onComplete(testContext.succeeding(rows -> testContext.verify(() -> {
          JsonObject row = rows.get(0);
          assertThat(row.getValue("date_joined")).isEqualTo("2024-01-06T11:15:30.25");
          assertThat(row.getValue("day")).isEqualTo("2024-01-06");
          assertThat(row.getValue("gap")).isEqualTo("-11:29:45");
          assertThat(row.getValue("price")).isEqualTo(new BigDecimal("12.50"));
          assertThat(row.getValue("id_sum")).isEqualTo(10L);
          assertThat(row.getValue("staff_share")).isEqualTo(new BigDecimal("0.2500"));
          assertThat(row.getValue("bytes")).isEqualTo("AP8Q");
          assertThat(row.getValue("is_staff")).isEqualTo(0);
          assertThat(row.getValue("ratio")).isEqualTo(1.5);
          assertThat(row.encode()).contains("\"price\":12.50", "\"id_sum\":10", "\"staff_share\":0.2500");
          testContext.completeNow();
        })));
  }

  @Test
  void bindsInstantsAsUtcDateTimes(VertxTestContext testContext) {
    sql.query("SELECT username FROM auth_user WHERE date_joined < ? ORDER BY id",
            Instant.parse("2024-01-06T00:00:00Z"))
        .onComplete(testContext.succeeding(rows -> testContext.verify(() -> {
          assertThat(rows).extracting(row -> row.getString("username")).containsExactly("alice", "staff");
          testContext.completeNow();
        })));
  }

  @Test
  void skipsLeadingCommentsAndWhitespaceAndAFinalSemicolon(VertxTestContext testContext) {
    sql.query("\n   -- learners only\n  # not staff\n  /* count */ SELECT COUNT(*) AS n FROM auth_user "
            + "WHERE is_staff = 0 ; -- done")
        .onComplete(testContext.succeeding(rows -> testContext.verify(() -> {
          assertThat(rows).containsExactly(new JsonObject().put("n", 3L));
          testContext.completeNow();
        })));
  }

  @Test
  void runsWithShowDescribeAndExplain(VertxTestContext testContext) {
    Future.all(
            sql.query("WITH active AS (SELECT user_id FROM student_courseenrollment WHERE is_active = 1) "
                + "SELECT COUNT(DISTINCT user_id) AS n FROM active"),
            sql.query("SHOW TABLES"),
            sql.query("DESCRIBE student_courseenrollment"),
            sql.query("EXPLAIN SELECT * FROM auth_user WHERE id = 1"))
        .onComplete(testContext.succeeding(all -> testContext.verify(() -> {
          assertThat(all.<List<JsonObject>>resultAt(0)).containsExactly(new JsonObject().put("n", 2L));
          assertThat(all.<List<JsonObject>>resultAt(1)).extracting(row -> row.getString("Tables_in_" + DATABASE))
              .containsExactly("auth_user", "student_courseenrollment");
          assertThat(all.<List<JsonObject>>resultAt(2)).extracting(row -> row.getString("Field"))
              .containsExactly("id", "course_id", "created", "is_active", "mode", "user_id");
          assertThat(all.<List<JsonObject>>resultAt(3)).hasSize(1);
          testContext.completeNow();
        })));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, email, is_staff, is_active, "
          + "date_joined) VALUES ('x', 1, 'mallory', 'M', 'M', 'm@example.com', 1, 1, NOW())",
      "UPDATE auth_user SET is_superuser = 1",
      "DELETE FROM student_courseenrollment",
      "REPLACE INTO auth_user (id, password, is_superuser, username, first_name, last_name, email, is_staff, "
          + "is_active, date_joined) VALUES (1, 'x', 1, 'alice', 'A', 'M', 'a@example.com', 1, 1, NOW())",
      "CREATE TABLE stolen (i int)",
      "DROP TABLE student_courseenrollment",
      "ALTER TABLE auth_user ADD COLUMN x int",
      "TRUNCATE TABLE student_courseenrollment",
      "SELECT 1; DELETE FROM auth_user",
      "SELECT * FROM auth_user INTO OUTFILE '/tmp/anserv-users.csv'",
      "SELECT * FROM auth_user WHERE id = 1 FOR UPDATE",
  })
  void refusesWritesWithAClearMessageAndChangesNothing(String statement, VertxTestContext testContext) {
    snapshot().compose(before -> sql.query(statement)
            .transform(result -> {
              testContext.verify(() -> assertThat(result.cause())
                  .isInstanceOf(RefusedStatementException.class)
                  .hasMessageStartingWith("the SQL replica is read-only: ")
                  .hasMessageEndingWith("; refused: " + StatementCheck.excerpt(statement)));
              return snapshot();
            })
            .map(after -> {
              testContext.verify(() -> assertThat(after).isEqualTo(before));
              return after;
            }))
        .onComplete(testContext.succeedingThenComplete());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, email, is_staff, is_active, "
          + "date_joined) VALUES ('x', 1, 'mallory', 'M', 'M', 'm@example.com', 1, 1, NOW())",
      "UPDATE auth_user SET is_superuser = 1",
      "DELETE FROM student_courseenrollment",
      "CREATE TABLE stolen (i int)",
      "DROP TABLE student_courseenrollment",
      "ALTER TABLE auth_user ADD COLUMN x int",
      "TRUNCATE TABLE student_courseenrollment",
  })
  void theSessionRefusesWritesThatBypassTheStatementCheck(String statement, VertxTestContext testContext) {
    snapshot().compose(before -> sql.execute(statement)
            .transform(result -> {
              testContext.verify(() -> assertThat(result.cause())
                  .isInstanceOf(MySQLException.class)
                  .hasMessageContaining("Cannot execute statement in a READ ONLY transaction"));
              return snapshot();
            })
            .map(after -> {
              testContext.verify(() -> assertThat(after).isEqualTo(before));
              return after;
            }))
        .onComplete(testContext.succeedingThenComplete());
  }

  @Test
  void everyConnectionIsReadOnlyWithTheStatementTimeLimit(VertxTestContext testContext) {
    List<Future<List<JsonObject>>> queries = java.util.stream.IntStream.range(0, settings.poolSize() * 2)
        .mapToObj(i -> sql.query("SELECT @@session.transaction_read_only AS read_only, "
            + "@@session.max_statement_time AS limit_s, SLEEP(0.05) AS pause"))
        .toList();
    Future.all(queries).onComplete(testContext.succeeding(all -> testContext.verify(() -> {
      for (Future<List<JsonObject>> query : queries) {
        assertThat(query.result().get(0).getValue("read_only")).isEqualTo(1L);
        assertThat(query.result().get(0).getValue("limit_s")).isEqualTo(30.0);
      }
      testContext.completeNow();
    })));
  }

  @Test
  void aBadStatementFailsWithTheServersMessage(VertxTestContext testContext) {
    sql.query("SELECT * FROM no_such_table")
        .onComplete(testContext.failing(cause -> testContext.verify(() -> {
          assertThat(cause).isInstanceOf(MySQLException.class)
              .hasMessageContaining("Table '" + DATABASE + ".no_such_table' doesn't exist");
          testContext.completeNow();
        })));
  }

  @Test
  void wrongParametersFailTheFutureInsteadOfThrowing(VertxTestContext testContext) {
    Future<List<JsonObject>> missing = sql.query("SELECT ? AS a");
    Future<List<JsonObject>> nullArray = sql.query("SELECT 1 AS a", (Object[]) null);
    missing.onComplete(testContext.failing(cause -> nullArray.onComplete(testContext.succeeding(rows ->
        testContext.verify(() -> {
          assertThat(cause).hasMessageContaining("parameters");
          assertThat(rows).containsExactly(new JsonObject().put("a", 1));
          testContext.completeNow();
        })))));
  }

  @Test
  void aQueryOverItsTimeoutFails(Vertx vertx, VertxTestContext testContext) {
    ReadOnlySql quick = ReadOnlySql.create(vertx, new SqlSettings(settings.host(), settings.port(),
        settings.database(), settings.user(), settings.password(), 1, Duration.ofMillis(300), false));
    quick.query("SELECT BENCHMARK(10000000000, MD5('anserv')) AS b")
        .onComplete(testContext.failing(cause -> testContext.verify(() -> {
          // Whichever fires first: the client's timer or the server's statement limit.
          assertThat(cause.getMessage()).containsAnyOf("SQL query timed out after 300 ms: SELECT BENCHMARK",
              "max_statement_time exceeded");
          if (!(cause instanceof TimeoutException)) {
            assertThat(cause).isInstanceOf(MySQLException.class);
          }
          quick.close().onComplete(testContext.succeedingThenComplete());
        })));
  }

  /** Everything a write could change: both tables' rows and columns, and the list of tables. */
  private static Future<JsonArray> snapshot() {
    return Future.all(sql.query("SELECT * FROM auth_user ORDER BY id"),
            sql.query("SELECT * FROM student_courseenrollment ORDER BY id"),
            sql.query("SHOW TABLES"))
        .map(all -> new JsonArray(List.of(all.resultAt(0), all.resultAt(1), all.resultAt(2))));
  }
}
