package org.anserv.runtime.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CronExpressionTest {

  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  @Test
  void findsTheNextMinuteOfAStep() {
    CronExpression every15 = CronExpression.parse("*/15 * * * *");
    assertThat(every15.next(at("2026-11-25T10:07:30Z"))).isEqualTo(at("2026-11-25T10:15:00Z"));
    assertThat(every15.next(at("2026-11-25T10:45:00Z"))).isEqualTo(at("2026-11-25T11:00:00Z"));
  }

  @Test
  void findsADailyTimeTomorrowWhenTodaysHasPassed() {
    assertThat(CronExpression.parse("0 3 * * *").next(at("2026-11-25T04:00:00Z")))
        .isEqualTo(at("2026-11-26T03:00:00Z"));
  }

  @Test
  void honoursWeekdaysRangesAndLists() {
    CronExpression weekdayMornings = CronExpression.parse("30 8,12 * * 1-5");
    // 2026-11-28 is a Saturday: the next run is Monday 08:30.
    assertThat(weekdayMornings.next(at("2026-11-27T13:00:00Z"))).isEqualTo(at("2026-11-30T08:30:00Z"));
  }

  @Test
  void runsOnEitherDayFieldWhenBothAreRestricted() {
    CronExpression firstOrSunday = CronExpression.parse("0 0 1 * 0");
    assertThat(firstOrSunday.next(at("2026-11-25T00:00:00Z"))).isEqualTo(at("2026-11-29T00:00:00Z"));
  }

  @Test
  void rejectsMalformedExpressionsSayingWhy() {
    assertThatThrownBy(() -> CronExpression.parse("* * *")).hasMessageContaining("with 3 fields: write five");
    assertThatThrownBy(() -> CronExpression.parse("* 25 * * *")).hasMessageContaining("hour field is invalid: 25 is"
        + " outside 0-23");
    assertThatThrownBy(() -> CronExpression.parse("5-1 * * * *")).hasMessageContaining("runs backwards");
  }

  @Test
  void parsesIntervals() {
    assertThat(Interval.parse("250ms").period()).isEqualTo(Duration.ofMillis(250));
    assertThat(Interval.parse("2h").period()).isEqualTo(Duration.ofHours(2));
    assertThatThrownBy(() -> Interval.parse("1ms")).hasMessageContaining("shortest interval is 10ms");
  }
}
