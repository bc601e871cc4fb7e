package org.anserv.runtime.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class StatementCheckTest {

  private static final String ONLY_READS = "the SQL replica is read-only: only SELECT, SHOW, DESCRIBE and EXPLAIN run; "
      + "refused: ";

  @Nested
  class Admits {

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 1",
        "select id, username from auth_user where id = ?",
        "  \n\t-- why: a comment\n/* and another */ SELECT * FROM auth_user",
        "# a hash comment\nSELECT 1",
        "SELECT /*+ MAX_EXECUTION_TIME(1000) */ 1",
        "WITH active AS (SELECT user_id FROM student_courseenrollment WHERE is_active = 1) SELECT COUNT(*) FROM active",
        "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5), `m` AS (SELECT 2) SELECT * FROM n",
        "(SELECT 1) UNION (SELECT 2)",
        "SHOW TABLES",
        "SHOW COLUMNS FROM auth_user",
        "DESCRIBE auth_user",
        "DESC auth_user",
        "EXPLAIN auth_user",
        "EXPLAIN SELECT * FROM auth_user",
        "EXPLAIN FORMAT=JSON SELECT * FROM auth_user",
        "EXPLAIN EXTENDED WITH a AS (SELECT 1) SELECT * FROM a",
        "SELECT * FROM auth_user ORDER BY date_joined DESC",
        "SELECT drop_date, update_count, intoxicated FROM t",
        "SELECT `into`, `lock`, `for` FROM t",
        "SELECT t.lock IN (1, 2) FROM t",
    })
    void readStatementsUnchanged(String statement) {
      assertThat(StatementCheck.admit(statement)).isEqualTo(statement);
    }

    @Test
    void keywordsAndSemicolonsInsideStringsAndComments() {
      String statement = "SELECT 'DROP TABLE auth_user; DELETE', \"it\"\"s; \\\"fine\\\"\", 'a''b; c' "
          + "/* ; DELETE FROM auth_user */ FROM auth_user -- ; UPDATE auth_user\n";
      assertThat(StatementCheck.admit(statement)).isEqualTo(statement);
    }

    @Test
    void backslashEscapedQuoteKeepsTheStringOpen() {
      String statement = "SELECT 'a\\'; DELETE FROM auth_user; '";
      assertThat(StatementCheck.admit(statement)).isEqualTo(statement);
    }

    @Test
    void doubleDashWithoutSpaceIsMinusMinus() {
      assertThat(StatementCheck.admit("SELECT 1--1")).isEqualTo("SELECT 1--1");
    }

    @Test
    void finalSemicolonAndTrailingCommentAreCut() {
      assertThat(StatementCheck.admit("SELECT 1;")).isEqualTo("SELECT 1");
      assertThat(StatementCheck.admit("SELECT 1 ; -- done\n /* really */ ")).isEqualTo("SELECT 1 ");
    }
  }

  @Nested
  class Refuses {

    @ParameterizedTest
    @ValueSource(strings = {
        "INSERT INTO auth_user (username) VALUES ('x')",
        "UPDATE auth_user SET is_staff = 1",
        "DELETE FROM auth_user",
        "REPLACE INTO auth_user (id) VALUES (1)",
        "CREATE TABLE t (i int)",
        "DROP TABLE auth_user",
        "ALTER TABLE auth_user ADD COLUMN x int",
        "TRUNCATE TABLE auth_user",
        "RENAME TABLE auth_user TO u",
        "GRANT ALL ON *.* TO 'x'@'%'",
        "SET SESSION TRANSACTION READ WRITE",
        "CALL p()",
        "DO SLEEP(1)",
        "LOAD DATA INFILE '/tmp/x' INTO TABLE auth_user",
        "HANDLER auth_user OPEN",
        "LOCK TABLES auth_user WRITE",
        "USE mysql",
        "FLUSH TABLES",
        "KILL 1",
        "ANALYZE TABLE auth_user",
        "OPTIMIZE TABLE auth_user",
        "BEGIN",
        "COMMIT",
        "VALUES (1)",
        "(SHOW TABLES)",
        "/* SELECT */ DELETE FROM auth_user",
        "-- SELECT\nDELETE FROM auth_user",
    })
    void everythingButReads(String statement) {
      assertThatThrownBy(() -> StatementCheck.admit(statement))
          .isInstanceOf(RefusedStatementException.class)
          .hasMessage(ONLY_READS + StatementCheck.excerpt(statement));
    }

    @Test
    void namesTheRefusedStatementOnOneLine() {
      assertThatThrownBy(() -> StatementCheck.admit("INSERT INTO auth_user\n  (username)\n  VALUES ('x')"))
          .hasMessage(ONLY_READS + "INSERT INTO auth_user (username) VALUES ('x')");
    }

    @Test
    void cutsALongStatementInTheMessage() {
      String statement = "DELETE FROM auth_user WHERE username IN ('" + "x".repeat(200) + "')";
      assertThatThrownBy(() -> StatementCheck.admit(statement))
          .hasMessage(ONLY_READS + statement.substring(0, 100) + " ...");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 1; DELETE FROM auth_user",
        "SELECT 1;DELETE FROM auth_user;",
        "SELECT 1 -- the end?\n; DROP TABLE auth_user",
        "SELECT 'a;b'; SELECT 2",
        "SELECT 1;;",
    })
    void aSecondStatement(String statement) {
      assertRefused(statement, "one statement per query: found more after ';'");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM auth_user INTO OUTFILE '/tmp/users.csv'",
        "SELECT id INTO DUMPFILE '/tmp/x' FROM auth_user",
        "select id into @x from auth_user",
        "SELECT id FROM auth_user WHERE id IN (SELECT 1 INTO @y)",
    })
    void selectInto(String statement) {
      assertRefused(statement, "SELECT ... INTO (a file or variables) is not allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM auth_user FOR UPDATE",
        "SELECT * FROM auth_user WHERE id = 1 for update skip locked",
        "SELECT * FROM auth_user FOR SHARE",
        "SELECT * FROM auth_user LOCK IN SHARE MODE",
        "(SELECT 1 FROM auth_user FOR UPDATE)",
    })
    void lockingReads(String statement) {
      assertRefused(statement, "locking reads (FOR UPDATE, FOR SHARE, LOCK IN SHARE MODE) are not allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 1 /*! , (SELECT 1) */",
        "/*!50000 DELETE FROM auth_user */ SELECT 1",
        "SELECT 1 /*M!100000 INTO OUTFILE '/tmp/x' */",
    })
    void executableComments(String statement) {
      assertRefused(statement, "executable comments (/*! ... */) are not allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT 'open", "SELECT 1 /* open", "SELECT `open", "SELECT \"open\\\""})
    void unclosedStringsAndComments(String statement) {
      assertRefused(statement, "a string, quoted name or comment is not closed");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "WITH d AS (SELECT 1) DELETE FROM auth_user",
        "WITH d AS (SELECT id FROM auth_user) UPDATE auth_user SET is_staff = 1",
        "WITH d AS (SELECT 1) INSERT INTO t SELECT * FROM d",
    })
    void withClauseBeforeAWrite(String statement) {
      assertRefused(statement, "a WITH clause must be followed by SELECT");
    }

    @Test
    void unreadableWithClause() {
      assertRefused("WITH d SELECT 1", "could not read the WITH clause");
      assertRefused("WITH d AS (SELECT 1 SELECT * FROM d", "could not read the WITH clause: a parenthesis is not closed");
    }

    @Test
    void explainThatRunsOrWrites() {
      assertRefused("EXPLAIN ANALYZE SELECT * FROM auth_user", "EXPLAIN ANALYZE runs the statement; use EXPLAIN alone");
      assertRefused("EXPLAIN DELETE FROM auth_user", "only SELECT, SHOW, DESCRIBE and EXPLAIN run (EXPLAIN only of a "
          + "read)");
      assertRefused("EXPLAIN SELECT * FROM auth_user INTO OUTFILE '/tmp/x'", "SELECT ... INTO (a file or variables) is "
          + "not allowed");
    }

    @Test
    void serverFilesAndSequences() {
      assertRefused("SELECT LOAD_FILE('/etc/passwd')", "LOAD_FILE() is not allowed: it reads the database server's "
          + "files");
      assertRefused("SELECT nextval(s)", "NEXTVAL() is not allowed: it changes a sequence");
      assertRefused("SELECT SETVAL(s, 5)", "SETVAL() is not allowed: it changes a sequence");
      assertRefused("SELECT NEXT VALUE FOR s", "NEXT VALUE FOR is not allowed: it changes a sequence");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "-- only a comment", "/* nothing */ ;"})
    void emptyStatements(String statement) {
      assertThatThrownBy(() -> StatementCheck.admit(statement))
          .isInstanceOf(RefusedStatementException.class)
          .hasMessage("the SQL replica is read-only: the statement is empty");
    }

    private void assertRefused(String statement, String reason) {
      assertThatThrownBy(() -> StatementCheck.admit(statement))
          .isInstanceOf(RefusedStatementException.class)
          .hasMessage("the SQL replica is read-only: " + reason + "; refused: " + StatementCheck.excerpt(statement));
    }
  }
}
