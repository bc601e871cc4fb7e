package org.anserv.api;

import java.util.Objects;

/**
 * Markup a {@link View} built itself and vouches for: it is shown as is, unescaped. Prefer {@link Template}, which
 * escapes values; use {@link #escape(String)} for any value placed in {@code Html}.
 *
 * @param markup the HTML fragment
 */
public record Html(String markup) {

  public Html {
    Objects.requireNonNull(markup, "markup");
  }

  /** The fragment {@code markup}, shown as is. */
  public static Html of(String markup) {
    return new Html(markup);
  }

  /** {@code text} with {@code & < > " '} replaced by entities, safe inside elements and quoted attributes. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
