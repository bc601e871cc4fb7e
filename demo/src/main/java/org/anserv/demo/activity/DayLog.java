package org.anserv.demo.activity;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The events of one day as sessions produce them, handed out sorted by time. Sessions of different learners
 * interleave; ties keep the order of production, so the result is the same on every run.
 */
final class DayLog {

  private final Tally tally;
  private final List<Entry> entries = new ArrayList<>();

  DayLog(Tally tally) {
    this.tally = tally;
  }

  /** Adds {@code event}, which {@code visit}'s learner caused at {@code micros}. */
  void add(Visit visit, long micros, JsonObject event) {
    entries.add(new Entry(micros, entries.size(), event));
    tally.event(visit, micros);
  }

  /** The day's events in time order. */
  List<JsonObject> sorted() {
    entries.sort(Comparator.comparingLong(Entry::micros).thenComparingInt(Entry::sequence));
    return entries.stream().map(Entry::event).toList();
  }

  private record Entry(long micros, int sequence, JsonObject event) {
  }
}
