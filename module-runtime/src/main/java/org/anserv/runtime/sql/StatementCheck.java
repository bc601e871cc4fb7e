package org.anserv.runtime.sql;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.anserv.runtime.sql.SqlLexer.Kind;
import org.anserv.runtime.sql.SqlLexer.Token;

/**
 * Decides whether a statement only reads, before it goes to the replica. Admitted: one {@code SELECT} (also in
 * parentheses, or after a {@code WITH} clause), {@code SHOW}, {@code DESCRIBE}/{@code DESC} or {@code EXPLAIN} of a
 * read, optionally ending in {@code ;}. Refused, anywhere in the statement: a second statement, {@code INTO} (files
 * or variables), locking reads ({@code FOR UPDATE}, {@code FOR SHARE}, {@code LOCK IN SHARE MODE}), executable
 * comments, {@code EXPLAIN ANALYZE} (it runs the statement), {@code LOAD_FILE()} (reads the server's files) and
 * sequence changes ({@code NEXTVAL}, {@code SETVAL}, {@code NEXT VALUE FOR}).
 *
 * <p>The check errs towards refusing: a column named like a keyword (unquoted {@code lock} before {@code IN}) is
 * refused; quote it with backticks. It is the first of two guards: the connection itself is read-only too.
 */
final class StatementCheck {

  /** How every refusal message starts. */
  static final String READ_ONLY = "the SQL replica is read-only: ";

  private static final String ONLY_READS = "only SELECT, SHOW, DESCRIBE and EXPLAIN run";
  private static final String LOCKING = "locking reads (FOR UPDATE, FOR SHARE, LOCK IN SHARE MODE) are not allowed";
  private static final Set<String> EXPLAIN_OPTIONS = Set.of("EXTENDED", "PARTITIONS", "FORMAT", "JSON", "TRADITIONAL",
      "TREE");
  private static final Set<String> WRITE_STATEMENTS = Set.of("INSERT", "UPDATE", "DELETE", "REPLACE");
  private static final int EXCERPT_LENGTH = 100;

  private final String statement;
  private final List<Token> tokens;

  private StatementCheck(String statement, List<Token> tokens) {
    this.statement = statement;
    this.tokens = tokens;
  }

  /**
   * Returns the statement to send (without a final {@code ;}) when it only reads.
   *
   * @throws RefusedStatementException saying what was refused and why
   */
  static String admit(String statement) {
    if (statement == null || statement.isBlank()) {
      throw new RefusedStatementException(READ_ONLY + "the statement is empty");
    }
    List<Token> all = SqlLexer.tokens(statement);
    new StatementCheck(statement, all).checkLexicalSafety();
    int end = statementEnd(all);
    if (end < all.size() - 1) {
      throw refusal(statement, "one statement per query: found more after ';'");
    }
    if (end == 0) {
      throw new RefusedStatementException(READ_ONLY + "the statement is empty");
    }
    StatementCheck check = new StatementCheck(statement, all.subList(0, end));
    check.checkStart(0);
    check.checkClauses();
    return end < all.size() ? statement.substring(0, all.get(end).start()) : statement;
  }

  private void checkLexicalSafety() {
    for (Token token : tokens) {
      if (token.kind() == Kind.UNTERMINATED) {
        throw refusal(statement, "a string, quoted name or comment is not closed");
      }
      if (token.kind() == Kind.EXECUTABLE_COMMENT) {
        throw refusal(statement, "executable comments (/*! ... */) are not allowed");
      }
    }
  }

  private static int statementEnd(List<Token> tokens) {
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).isSymbol(';')) {
        return i;
      }
    }
    return tokens.size();
  }

  /** Checks the statement that starts at token {@code i} is a read. */
  private void checkStart(int i) {
    int at = skipOpeningParentheses(i);
    if (at >= tokens.size() || tokens.get(at).kind() != Kind.WORD) {
      throw refuse(ONLY_READS);
    }
    switch (upper(tokens.get(at))) {
      case "SELECT" -> { }
      case "SHOW" -> requireNoParenthesis(i, at);
      case "WITH" -> requireSelect(afterWithClause(at + 1));
      case "DESCRIBE", "DESC", "EXPLAIN" -> {
        requireNoParenthesis(i, at);
        checkExplained(at + 1);
      }
      default -> throw refuse(ONLY_READS);
    }
  }

  private void requireNoParenthesis(int start, int keyword) {
    if (start != keyword) {
      throw refuse(ONLY_READS);
    }
  }

  private void requireSelect(int i) {
    int at = skipOpeningParentheses(i);
    if (at >= tokens.size() || !tokens.get(at).isWord("SELECT")) {
      throw refuse("a WITH clause must be followed by SELECT");
    }
  }

  private void checkExplained(int i) {
    int at = i;
    while (at < tokens.size() && (tokens.get(at).isSymbol('=') || isWordIn(tokens.get(at), EXPLAIN_OPTIONS))) {
      at++;
    }
    if (at >= tokens.size()) {
      return;
    }
    Token next = tokens.get(at);
    if (next.isWord("ANALYZE")) {
      throw refuse("EXPLAIN ANALYZE runs the statement; use EXPLAIN alone");
    }
    if (next.isWord("SELECT") || next.isWord("WITH") || next.isSymbol('(')) {
      checkStart(at);
    } else if (isWordIn(next, WRITE_STATEMENTS)) {
      throw refuse(ONLY_READS + " (EXPLAIN only of a read)");
    }
  }

  /** Skips {@code [RECURSIVE] name [(columns)] AS (query) [, ...]} and returns the index of what follows. */
  private int afterWithClause(int i) {
    int at = i < tokens.size() && tokens.get(i).isWord("RECURSIVE") ? i + 1 : i;
    while (true) {
      if (at >= tokens.size() || !isName(tokens.get(at))) {
        throw refuse("could not read the WITH clause");
      }
      at++;
      if (at < tokens.size() && tokens.get(at).isSymbol('(')) {
        at = afterParentheses(at);
      }
      if (at >= tokens.size() || !tokens.get(at).isWord("AS")) {
        throw refuse("could not read the WITH clause");
      }
      at = afterParentheses(at + 1);
      if (at < tokens.size() && tokens.get(at).isSymbol(',')) {
        at++;
      } else {
        return at;
      }
    }
  }

  /** Given the index of a {@code (}, returns the index after its matching {@code )}. */
  private int afterParentheses(int open) {
    if (open >= tokens.size() || !tokens.get(open).isSymbol('(')) {
      throw refuse("could not read the WITH clause");
    }
    int depth = 0;
    for (int at = open; at < tokens.size(); at++) {
      if (tokens.get(at).isSymbol('(')) {
        depth++;
      } else if (tokens.get(at).isSymbol(')') && --depth == 0) {
        return at + 1;
      }
    }
    throw refuse("could not read the WITH clause: a parenthesis is not closed");
  }

  private int skipOpeningParentheses(int i) {
    int at = i;
    while (at < tokens.size() && tokens.get(at).isSymbol('(')) {
      at++;
    }
    return at;
  }

  /** Refuses clauses that write, lock or reach outside the database wherever they appear. */
  private void checkClauses() {
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      boolean qualified = i > 0 && tokens.get(i - 1).isSymbol('.');
      if (token.kind() != Kind.WORD || qualified) {
        continue;
      }
      Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
      switch (upper(token)) {
        case "INTO" -> throw refuse("SELECT ... INTO (a file or variables) is not allowed");
        case "FOR" -> refuseIf(next != null && (next.isWord("UPDATE") || next.isWord("SHARE")), LOCKING);
        case "LOCK" -> refuseIf(next != null && next.isWord("IN"), LOCKING);
        case "LOAD_FILE" -> refuseIf(isCall(next), "LOAD_FILE() is not allowed: it reads the database server's files");
        case "NEXTVAL", "SETVAL" -> refuseIf(isCall(next), upper(token) + "() is not allowed: it changes a sequence");
        case "NEXT" -> refuseIf(next != null && next.isWord("VALUE"), "NEXT VALUE FOR is not allowed: it changes a "
            + "sequence");
        default -> { }
      }
    }
  }

  private void refuseIf(boolean condition, String reason) {
    if (condition) {
      throw refuse(reason);
    }
  }

  private RefusedStatementException refuse(String reason) {
    return refusal(statement, reason);
  }

  private static RefusedStatementException refusal(String statement, String reason) {
    return new RefusedStatementException(READ_ONLY + reason + "; refused: " + excerpt(statement));
  }

  /** The statement on one line, cut to a readable length. */
  static String excerpt(String statement) {
    String line = statement.strip().replaceAll("\\s+", " ");
    return line.length() <= EXCERPT_LENGTH ? line : line.substring(0, EXCERPT_LENGTH) + " ...";
  }

  private static boolean isCall(Token next) {
    return next != null && next.isSymbol('(');
  }

  private static boolean isName(Token token) {
    return token.kind() == Kind.WORD || token.kind() == Kind.QUOTED_IDENTIFIER;
  }

  private static boolean isWordIn(Token token, Set<String> words) {
    return token.kind() == Kind.WORD && words.contains(upper(token));
  }

  private static String upper(Token token) {
    return token.text().toUpperCase(Locale.ROOT);
  }
}
