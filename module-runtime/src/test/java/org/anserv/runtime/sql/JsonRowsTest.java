package org.anserv.runtime.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.data.Numeric;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class JsonRowsTest {

  @Test
  void wholeDecimalsBecomeLongsWhenTheyFit() {
    assertThat(JsonRows.value(Numeric.create(new BigDecimal("42")))).isEqualTo(42L);
    BigInteger huge = BigInteger.TWO.pow(64);
    assertThat(JsonRows.value(Numeric.create(huge))).isEqualTo(new BigDecimal(huge));
    assertThat(JsonRows.value(Numeric.create(new BigDecimal("0.10")))).isEqualTo(new BigDecimal("0.10"));
  }

  @Test
  void datesAndTimesBecomeIsoStrings() {
    assertThat(JsonRows.value(LocalDateTime.of(2024, 1, 5, 10, 0))).isEqualTo("2024-01-05T10:00:00");
    assertThat(JsonRows.value(LocalDateTime.of(2024, 1, 5, 10, 0, 0, 123_000_000))).isEqualTo("2024-01-05T10:00:00.123");
    assertThat(JsonRows.value(LocalDate.of(2024, 2, 29))).isEqualTo("2024-02-29");
  }

  @Test
  void timeValuesKeepMysqlsRangeAndSign() {
    assertThat(JsonRows.value(Duration.ofHours(838).plusMinutes(59).plusSeconds(59))).isEqualTo("838:59:59");
    assertThat(JsonRows.value(Duration.ofSeconds(-3723).minusNanos(500_000))).isEqualTo("-01:02:03.000500");
  }

  @Test
  void bytesBecomeBase64AndSmallIntegersInts() {
    assertThat(JsonRows.value(Buffer.buffer(new byte[] {0, -1, 16}))).isEqualTo("AP8Q");
    assertThat(JsonRows.value(new byte[] {1})).isEqualTo("AQ==");
    assertThat(JsonRows.value((byte) 1)).isEqualTo(1);
    assertThat(JsonRows.value((short) 7)).isEqualTo(7);
    assertThat(JsonRows.value(null)).isNull();
  }
}
