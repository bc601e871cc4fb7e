package org.anserv.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "2014-05-15T19:03:19.487373+00:00 | 2014-05-15T19:03:19.487373Z",
      "2020-07-15T06:46:41.543562Z      | 2020-07-15T06:46:41.543562Z",
      "2015-04-14T19:42:53.237Z         | 2015-04-14T19:42:53.237Z",
      "2015-04-14T20:42:50+0100         | 2015-04-14T19:42:50Z",
      "2014-12-09T03:57:24+00:00        | 2014-12-09T03:57:24Z",
      "2013-06-14T00:31:57.661338       | 2013-06-14T00:31:57.661338Z",
      "2023-08-23 18:14:00.070241+00:00 | 2023-08-23T18:14:00.070241Z",
      "2026-01-05T10:00:00.123456-05:00 | 2026-01-05T15:00:00.123456Z",
  })
  void parsesEveryRealForm(String text, String expected) {
    assertThat(Timestamps.parse(text)).contains(Instant.parse(expected));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"yesterday at noon", "2014-13-45T99:00:00+00:00", "2014-05-15T19:03:19.487373+00:00 trailing",
      "2014-05-15", "1400000000"})
  void readsBrokenTimestampsAsEmpty(String text) {
    assertThat(Timestamps.parse(text)).isEmpty();
  }
}
