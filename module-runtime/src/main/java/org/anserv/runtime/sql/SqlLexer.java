package org.anserv.runtime.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a MySQL/MariaDB statement into the tokens the read-only check looks at, following the server's own rules for
 * what is a string, a quoted identifier or a comment, so that a keyword inside a string ({@code 'DROP'}) or a comment
 * is never mistaken for code and a {@code ;} inside a string never for the end of a statement.
 *
 * <p>Ordinary comments are dropped. Executable comments (those opening with {@code /*!} or {@code /*M!}), whose
 * content the server runs as code, become an {@link Kind#EXECUTABLE_COMMENT} token. Strings use backslash escapes and doubled
 * quotes, as in the server's default SQL mode.
 */
final class SqlLexer {

  /** What a token is. */
  enum Kind {
    /** A keyword, unquoted identifier or number. */
    WORD,
    /** A {@code '...'} or {@code "..."} literal. */
    STRING,
    /** A {@code `...`} identifier. */
    QUOTED_IDENTIFIER,
    /** One punctuation character such as {@code ( ) , ; = @}. */
    SYMBOL,
    /** A comment the server executes. */
    EXECUTABLE_COMMENT,
    /** A string, identifier or comment that runs to the end of the input without being closed. */
    UNTERMINATED
  }

  /**
   * One token.
   *
   * @param kind what it is
   * @param text its text as written (without quotes for strings and quoted identifiers)
   * @param start its offset in the statement
   */
  record Token(Kind kind, String text, int start) {

    boolean isWord(String keyword) {
      return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    boolean isSymbol(char symbol) {
      return kind == Kind.SYMBOL && text.charAt(0) == symbol;
    }
  }

  private final String sql;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;

  private SqlLexer(String sql) {
    this.sql = sql;
  }

  /** The tokens of {@code sql}, comments left out; an unclosed construct ends the list as {@link Kind#UNTERMINATED}. */
  static List<Token> tokens(String sql) {
    SqlLexer lexer = new SqlLexer(sql);
    lexer.run();
    return List.copyOf(lexer.tokens);
  }

  private void run() {
    while (pos < sql.length()) {
      char c = sql.charAt(pos);
      if (Character.isWhitespace(c)) {
        pos++;
      } else if (c == '#' || startsLineComment()) {
        skipToEndOfLine();
      } else if (sql.startsWith("/*", pos)) {
        blockComment();
      } else if (c == '\'' || c == '"' || c == '`') {
        quoted(c);
      } else if (isWordChar(c)) {
        word();
      } else {
        tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), pos++));
      }
    }
  }

  /** {@code --} starts a comment only when followed by whitespace, a control character or the end. */
  private boolean startsLineComment() {
    if (!sql.startsWith("--", pos)) {
      return false;
    }
    int next = pos + 2;
    return next >= sql.length() || Character.isWhitespace(sql.charAt(next)) || Character.isISOControl(sql.charAt(next));
  }

  private void skipToEndOfLine() {
    while (pos < sql.length() && sql.charAt(pos) != '\n') {
      pos++;
    }
  }

  private void blockComment() {
    int start = pos;
    boolean executable = sql.startsWith("/*!", pos) || sql.startsWith("/*M!", pos);
    int end = sql.indexOf("*/", pos + 2);
    if (end < 0) {
      tokens.add(new Token(Kind.UNTERMINATED, sql.substring(start), start));
      pos = sql.length();
      return;
    }
    if (executable) {
      tokens.add(new Token(Kind.EXECUTABLE_COMMENT, sql.substring(start, end + 2), start));
    }
    pos = end + 2;
  }

  private void quoted(char quote) {
    int start = pos++;
    StringBuilder text = new StringBuilder();
    while (pos < sql.length()) {
      char c = sql.charAt(pos++);
      if (c == '\\' && quote != '`' && pos < sql.length()) {
        text.append(c).append(sql.charAt(pos++));
      } else if (c == quote && pos < sql.length() && sql.charAt(pos) == quote) {
        text.append(c);
        pos++;
      } else if (c == quote) {
        tokens.add(new Token(quote == '`' ? Kind.QUOTED_IDENTIFIER : Kind.STRING, text.toString(), start));
        return;
      } else {
        text.append(c);
      }
    }
    tokens.add(new Token(Kind.UNTERMINATED, sql.substring(start), start));
  }

  private void word() {
    int start = pos;
    while (pos < sql.length() && isWordChar(sql.charAt(pos))) {
      pos++;
    }
    tokens.add(new Token(Kind.WORD, sql.substring(start, pos), start));
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 0x7f;
  }
}
