package org.anserv.gateway.intake;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** Intake series: requests and events by format and outcome, and request latency. */
final class IntakeMetrics {

  private final MeterRegistry meters;

  IntakeMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  Timer.Sample start() {
    return Timer.start(meters);
  }

  void events(String format, int accepted, int rejected) {
    meters.counter("anserv.intake.events", "format", format, "outcome", "accepted").increment(accepted);
    if (rejected > 0) {
      meters.counter("anserv.intake.events", "format", format, "outcome", "rejected").increment(rejected);
    }
  }

  /**
   * Counts a request's accepted events that lack what most analytics need (a type, a time); they are kept, the
   * counts tell producers' quirks. Called once per request with the totals, not once per event.
   */
  void quirks(String format, int withoutType, int withoutTime) {
    if (withoutType > 0) {
      meters.counter("anserv.intake.quirks", "format", format, "quirk", "no_type").increment(withoutType);
    }
    if (withoutTime > 0) {
      meters.counter("anserv.intake.quirks", "format", format, "quirk", "no_time").increment(withoutTime);
    }
  }

  void refused(String format, int status) {
    meters.counter("anserv.intake.requests", "format", format, "outcome", "refused_" + status).increment();
  }

  void done(Timer.Sample sample, String format, String outcome) {
    meters.counter("anserv.intake.requests", "format", format, "outcome", outcome).increment();
    sample.stop(Timer.builder("anserv.intake.request").tag("format", format)
        .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(25),
            Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(2))
        .register(meters));
  }

}
