package org.anserv.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DeterminismTest {

  private static final DemoSpec SMALL = new DemoSpec(7, 2, 40, 10, LocalDate.of(2026, 3, 2));

  @Test
  void sameSpecGivesIdenticalEventsSqlAndTruth() throws IOException {
    DemoWorld first = DemoWorld.generate(DemoSpec.defaults());
    DemoWorld second = DemoWorld.generate(DemoSpec.defaults());

    assertThat(ndjson(second)).isEqualTo(ndjson(first));
    assertThat(sql(second)).isEqualTo(sql(first));
    assertThat(second.truth()).isEqualTo(first.truth());
  }

  @Test
  void readingTheEventsTwiceGivesTheSameLog() throws IOException {
    DemoWorld world = DemoWorld.generate(SMALL);

    assertThat(ndjson(world)).isEqualTo(ndjson(world));
  }

  @Test
  void endStateIsTheSameWhetherOrNotTheEventsWereReadFirst() throws IOException {
    DemoWorld readFirst = DemoWorld.generate(SMALL);
    ndjson(readFirst);
    DemoWorld notRead = DemoWorld.generate(SMALL);

    assertThat(sql(notRead)).isEqualTo(sql(readFirst));
    assertThat(notRead.truth()).isEqualTo(readFirst.truth());
  }

  @Test
  void differentSeedGivesADifferentWorld() throws IOException {
    DemoWorld world = DemoWorld.generate(SMALL);
    DemoWorld other = DemoWorld.generate(new DemoSpec(8, 2, 40, 10, SMALL.startDate()));

    assertThat(ndjson(other)).isNotEqualTo(ndjson(world));
    assertThat(sql(other)).isNotEqualTo(sql(world));
  }

  /**
   * Pins the bytes, so that a JVM, JDK or library that changed them would be noticed. If you changed the generator on
   * purpose, run this test, check the new output is what you meant, and update the digests.
   */
  @Test
  void smallWorldHasThePinnedBytes() throws IOException {
    DemoWorld world = DemoWorld.generate(SMALL);

    assertThat(sha256(ndjson(world))).isEqualTo(PINNED_EVENTS);
    assertThat(sha256(sql(world))).isEqualTo(PINNED_SQL);
  }

  private static final String PINNED_EVENTS = "1ec88c27a5fff580dfb6afa24be5645a911b78e0c5677d6fb1bdb744179f66e7";
  private static final String PINNED_SQL = "a0d90c547b20890c65e017fff8b265afe13713c3c740c9a1f67b384ef5101804";

  static String ndjson(DemoWorld world) throws IOException {
    StringWriter out = new StringWriter();
    world.writeEvents(out);
    return out.toString();
  }

  static String sql(DemoWorld world) throws IOException {
    StringWriter out = new StringWriter();
    world.sql(out);
    return out.toString();
  }

  private static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
