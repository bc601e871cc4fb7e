package org.anserv.runtime.define;

import java.util.Locale;
import java.util.regex.Pattern;

/** Derives the names authors may omit, and checks the ones they write. */
final class Names {

  static final Pattern VALID = Pattern.compile("[a-z][a-z0-9-]{0,62}");

  private Names() {
  }

  /** {@code VideoEngagement} and {@code videoEngagement} both become {@code video-engagement}. */
  static String kebab(String javaName) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < javaName.length(); i++) {
      char c = javaName.charAt(i);
      if (Character.isUpperCase(c)) {
        boolean afterLower = i > 0 && !Character.isUpperCase(javaName.charAt(i - 1));
        boolean beforeLower = i + 1 < javaName.length() && Character.isLowerCase(javaName.charAt(i + 1));
        if (i > 0 && (afterLower || beforeLower) && out.charAt(out.length() - 1) != '-') {
          out.append('-');
        }
        out.append(Character.toLowerCase(c));
      } else if (c == '_' || c == '$') {
        out.append('-');
      } else {
        out.append(c);
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }
}
