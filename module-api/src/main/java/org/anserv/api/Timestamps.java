package org.anserv.api;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Optional;

/** Parses the timestamp forms edX and its producers emit. */
final class Timestamps {

  // Fraction of 0-9 digits, 'T' or space, offset '+00:00', '+0000', 'Z' or none (naive times are UTC).
  private static final DateTimeFormatter LENIENT = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd")
      .optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd()
      .appendPattern("HH:mm")
      .optionalStart().appendPattern(":ss").optionalEnd()
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
      .toFormatter();

  private Timestamps() {
  }

  static Optional<Instant> parse(String text) {
    if (text == null || text.length() < 16) {
      return Optional.empty();
    }
    try {
      var parsed = LENIENT.parseBest(text.trim(), OffsetDateTime::from, LocalDateTime::from);
      if (parsed instanceof OffsetDateTime offset) {
        return Optional.of(offset.toInstant());
      }
      return Optional.of(((LocalDateTime) parsed).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
