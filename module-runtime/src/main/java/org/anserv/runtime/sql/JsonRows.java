package org.anserv.runtime.sql;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.data.Numeric;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Turns result rows into JSON objects keyed by column label, with values that survive JSON encoding unchanged in
 * meaning: whole numbers stay numbers ({@code SUM} and {@code DECIMAL(n,0)} become {@code long} when they fit), other
 * decimals become {@link BigDecimal} (a JSON number), {@code DATETIME}/{@code TIMESTAMP} an ISO local date-time
 * string ({@code 2024-01-05T10:00:00}, no zone: edx-platform stores UTC), {@code DATE} an ISO date, {@code TIME}
 * {@code [-]HH:MM:SS[.ffffff]}, binary columns a base64 string (standard alphabet, padded), {@code JSON} columns their
 * JSON value, {@code NULL} an explicit null. When two columns share a label, the last one wins.
 */
final class JsonRows {

  private JsonRows() {
  }

  static List<JsonObject> of(RowSet<Row> rows) {
    List<String> labels = rows.columnsNames();
    List<JsonObject> objects = new ArrayList<>(rows.size());
    for (Row row : rows) {
      JsonObject object = new JsonObject();
      for (int i = 0; i < labels.size(); i++) {
        object.put(labels.get(i), value(row.getValue(i)));
      }
      objects.add(object);
    }
    return objects;
  }

  static Object value(Object value) {
    return switch (value) {
      case null -> null;
      case String s -> s;
      case Boolean b -> b;
      case Byte b -> b.intValue();
      case Short s -> s.intValue();
      case Integer i -> i;
      case Long l -> l;
      case Float f -> f;
      case Double d -> d;
      case Numeric n -> decimal(n.bigDecimalValue());
      case BigDecimal d -> decimal(d);
      case LocalDateTime t -> DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
      case LocalDate d -> DateTimeFormatter.ISO_LOCAL_DATE.format(d);
      case LocalTime t -> DateTimeFormatter.ISO_LOCAL_TIME.format(t);
      case Duration d -> time(d);
      case Buffer b -> Base64.getEncoder().encodeToString(b.getBytes());
      case byte[] b -> Base64.getEncoder().encodeToString(b);
      case JsonObject o -> o;
      case JsonArray a -> a;
      case Number n -> n;
      default -> value.toString();
    };
  }

  private static Object decimal(BigDecimal value) {
    if (value.scale() <= 0) {
      try {
        return value.longValueExact();
      } catch (ArithmeticException beyondLong) {
        return value;
      }
    }
    return value;
  }

  /** A {@code TIME} value as MySQL prints it; it may be negative or beyond 24 hours. */
  private static String time(Duration duration) {
    Duration abs = duration.abs();
    String text = String.format("%02d:%02d:%02d", abs.toHours(), abs.toMinutesPart(), abs.toSecondsPart());
    if (abs.toNanosPart() != 0) {
      text += String.format(".%06d", abs.toNanosPart() / 1000);
    }
    return duration.isNegative() ? "-" + text : text;
  }
}
