package org.anserv.modules.enrollment;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** The age bands learners are counted in, from the year of birth they gave. */
enum AgeBand {
  UNDER_18("under 18", 0, 17),
  FROM_18("18-24", 18, 24),
  FROM_25("25-34", 25, 34),
  FROM_35("35-44", 35, 44),
  FROM_45("45-54", 45, 54),
  FROM_55("55-64", 55, 64),
  FROM_65("65 and over", 65, 200);

  /** The label of a blank or implausible answer. */
  static final String UNKNOWN = "unknown";

  private final String label;
  private final int from;
  private final int to;

  AgeBand(String label, int from, int to) {
    this.label = label;
    this.from = from;
    this.to = to;
  }

  /** The label of the band of someone born in {@code yearOfBirth} (may be null), in {@code year}. */
  static String of(Integer yearOfBirth, int year) {
    if (yearOfBirth == null) {
      return UNKNOWN;
    }
    int age = year - yearOfBirth;
    for (AgeBand band : values()) {
      if (age >= band.from && age <= band.to) {
        return band.label;
      }
    }
    return UNKNOWN;
  }

  /** {@code {band: n}} for every band in age order, then unknown, from rows of {@code {value: year, n}}. */
  static JsonObject count(List<JsonObject> rows, int year) {
    JsonObject bands = new JsonObject();
    for (AgeBand band : values()) {
      bands.put(band.label, 0L);
    }
    bands.put(UNKNOWN, 0L);
    for (JsonObject row : rows) {
      Object born = row.getValue("value");
      String band = of(born instanceof Number n ? n.intValue() : null, year);
      bands.put(band, bands.getLong(band) + Replica.number(row.getValue("n")));
    }
    return bands;
  }
}
