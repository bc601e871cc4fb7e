package org.anserv.runtime.cron;

import java.time.Instant;
import org.anserv.api.Cron;

/** When a {@link Cron} method runs next. */
public sealed interface Schedule permits Interval, CronExpression {

  /** The first run time strictly after {@code now}. */
  Instant next(Instant now);

  /** The schedule as written by the author, for the schema. */
  String describe();

  /**
   * The schedule of {@code cron}.
   *
   * @throws IllegalArgumentException saying what is wrong with it and how to write it
   */
  static Schedule of(Cron cron) {
    boolean every = !cron.every().isBlank();
    boolean expression = !cron.expression().isBlank();
    if (every == expression) {
      throw new IllegalArgumentException("must set exactly one of every (e.g. @Cron(every = \"30s\")) and expression"
          + " (e.g. @Cron(expression = \"*/5 * * * *\"))");
    }
    return every ? Interval.parse(cron.every()) : CronExpression.parse(cron.expression());
  }
}
