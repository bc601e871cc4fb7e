package org.anserv.demo.output;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes the rows of one table as multi-row {@code INSERT} statements of at most {@value #BATCH} rows, one
 * statement ending in {@code ;} and a newline, with MySQL string literals that never contain a semicolon-newline.
 */
final class SqlInserts {

  static final int BATCH = 500;

  private final Writer out;
  private final String head;
  private int rows;

  SqlInserts(Writer out, String table, List<String> columns) {
    this.out = out;
    this.head = "INSERT INTO `" + table + "` (`" + String.join("`, `", columns) + "`) VALUES\n";
  }

  /** Adds one row; values are {@code null}, numbers, booleans or strings. */
  void row(Object... values) throws IOException {
    out.write(rows % BATCH == 0 ? head : ",\n");
    out.write('(');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.write(", ");
      }
      out.write(literal(values[i]));
    }
    out.write(')');
    rows++;
    if (rows % BATCH == 0) {
      out.write(";\n");
    }
  }

  /** Ends the last statement. */
  void close() throws IOException {
    if (rows % BATCH != 0) {
      out.write(";\n");
    }
  }

  static String literal(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof Boolean b) {
      return b ? "1" : "0";
    }
    if (value instanceof Number) {
      return value.toString();
    }
    StringBuilder quoted = new StringBuilder("'");
    for (char c : value.toString().toCharArray()) {
      switch (c) {
        case '\'' -> quoted.append("''");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\r' -> quoted.append("\\r");
        case '\0' -> quoted.append("\\0");
        case '\u001a' -> quoted.append("\\Z");
        default -> quoted.append(c);
      }
    }
    return quoted.append('\'').toString();
  }
}
