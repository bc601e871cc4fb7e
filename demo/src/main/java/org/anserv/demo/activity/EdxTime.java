package org.anserv.demo.activity;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Time as the simulation keeps it (microseconds since the epoch) and as edX writes it. */
public final class EdxTime {

  private static final DateTimeFormatter TRACKING = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");
  private static final DateTimeFormatter SQL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

  private EdxTime() {
  }

  /** The microsecond timestamp of {@code instant}. */
  public static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }

  /** The tracking-log form: {@code 2026-01-05T10:00:00.123456+00:00}, always six fraction digits. */
  public static String tracking(long micros) {
    return TRACKING.format(utc(micros)) + "+00:00";
  }

  /** The MySQL {@code DATETIME(6)} literal form: {@code 2026-01-05 10:00:00.123456} (UTC). */
  public static String sql(long micros) {
    return SQL.format(utc(micros));
  }

  /** The ISO form edX keeps inside problem state: {@code 2026-01-05T10:00:00Z}. */
  public static String iso(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L)).toString();
  }

  private static LocalDateTime utc(long micros) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
        (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
  }
}
