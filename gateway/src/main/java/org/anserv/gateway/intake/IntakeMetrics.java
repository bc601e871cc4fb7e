package org.anserv.gateway.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Intake series, every one labelled with the bounded {@code format} ({@code json}, {@code ndjson}, {@code form},
 * {@code query}, {@code other}):
 * <ul>
 *   <li>{@code anserv_intake_requests_total{outcome, status}}: {@code accepted} (202), {@code delivered} (200, hard
 *   realtime), {@code rejected} (4xx), {@code unavailable} (503, the log refused), {@code failed} (other 5xx);</li>
 *   <li>{@code anserv_intake_events_total{outcome}}: {@code accepted} (stored), {@code duplicate} (already stored),
 *   {@code rejected} (not an event), {@code refused} (in a request refused as a whole);</li>
 *   <li>{@code anserv_intake_rejected_events_total{reason}}: {@code not_json}, {@code not_object},
 *   {@code too_large};</li>
 *   <li>{@code anserv_intake_quirks_total{quirk}} and the latency histogram
 *   {@code anserv_intake_request_seconds{mode}} ({@code async} or {@code sync}).</li>
 * </ul>
 * The series alerts divide by are registered at zero up front, so a ratio exists before the first failure.
 */
final class IntakeMetrics {

  private static final List<String> FORMATS = List.of("json", "ndjson", "form", "query");
  private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(25),
      Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
      Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)};

  private final MeterRegistry meters;

  IntakeMetrics(MeterRegistry meters) {
    this.meters = meters;
    for (String format : FORMATS) {
      for (String outcome : List.of("accepted", "duplicate", "rejected", "refused")) {
        events(format, outcome);
      }
      for (String reason : List.of("not_json", "not_object", "too_large")) {
        rejectedEvents(format, reason);
      }
      quirk(format, "no_type");
      quirk(format, "no_time");
      requests(format, "accepted", 202);
      requests(format, "rejected", 400);
      requests(format, "unavailable", 503);
    }
  }

  Timer.Sample start() {
    return Timer.start(meters);
  }

  /** Counts the parts of a request that were not events, per reason. */
  void rejected(String format, Map<String, Integer> byReason) {
    byReason.forEach((reason, count) -> {
      events(format, "rejected").increment(count);
      rejectedEvents(format, reason).increment(count);
    });
  }

  /** Counts the events of a request the log answered for: newly stored, and already stored. */
  void stored(String format, int stored, int duplicates) {
    events(format, "accepted").increment(stored);
    events(format, "duplicate").increment(duplicates);
  }

  /** Counts the events of a request that was refused as a whole (log unavailable, delivery failed). */
  void refusedEvents(String format, int count) {
    events(format, "refused").increment(count);
  }

  /**
   * Counts a request's accepted events that lack what most analytics need (a type, a time); they are kept, the
   * counts tell producers' quirks. Called once per request with the totals, not once per event.
   */
  void quirks(String format, int withoutType, int withoutTime) {
    if (withoutType > 0) {
      quirk(format, "no_type").increment(withoutType);
    }
    if (withoutTime > 0) {
      quirk(format, "no_time").increment(withoutTime);
    }
  }

  /** Counts a request refused before it reached the log, with the status it was answered. */
  void refused(String format, int status) {
    requests(format, outcome(status), status).increment();
  }

  /** Counts a request the log answered for, with its status, and records its latency. */
  void done(Timer.Sample sample, String format, boolean sync, int status) {
    requests(format, outcome(status), status).increment();
    sample.stop(Timer.builder("anserv.intake.request").description("Time to answer an intake request")
        .tag("format", format).tag("mode", sync ? "sync" : "async").serviceLevelObjectives(BUCKETS)
        .register(meters));
  }

  private static String outcome(int status) {
    return switch (status) {
      case 200 -> "delivered";
      case 202 -> "accepted";
      case 503 -> "unavailable";
      default -> status < 500 ? "rejected" : "failed";
    };
  }

  private Counter events(String format, String outcome) {
    return Counter.builder("anserv.intake.events").description("Events received, by what became of them")
        .tag("format", format).tag("outcome", outcome).register(meters);
  }

  private Counter rejectedEvents(String format, String reason) {
    return Counter.builder("anserv.intake.rejected.events").description("Parts of requests refused as not events")
        .tag("format", format).tag("reason", reason).register(meters);
  }

  private Counter requests(String format, String outcome, int status) {
    return Counter.builder("anserv.intake.requests").description("Intake requests, by outcome and HTTP status")
        .tag("format", format).tag("outcome", outcome).tag("status", Integer.toString(status)).register(meters);
  }

  private Counter quirk(String format, String quirk) {
    return Counter.builder("anserv.intake.quirks")
        .description("Accepted events lacking a type (no_type) or a time (no_time)")
        .tag("format", format).tag("quirk", quirk).register(meters);
  }
}
