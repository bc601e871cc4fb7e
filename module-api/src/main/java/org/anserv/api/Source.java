package org.anserv.api;

import java.util.Locale;
import java.util.Optional;

/** Where a tracking event was produced: its {@code event_source} field. */
public enum Source {
  SERVER, BROWSER, MOBILE;

  /** The source named by an {@code event_source} value, ignoring case; empty for anything else. */
  public static Optional<Source> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "server" -> Optional.of(SERVER);
      case "browser" -> Optional.of(BROWSER);
      case "mobile" -> Optional.of(MOBILE);
      default -> Optional.empty();
    };
  }

  /** The wire spelling: {@code server}, {@code browser} or {@code mobile}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
