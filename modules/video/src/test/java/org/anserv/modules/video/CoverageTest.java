package org.anserv.modules.video;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import org.anserv.modules.video.Coverage.Span;
import org.junit.jupiter.api.Test;

class CoverageTest {

  @Test
  void returnsOnlyTheSecondsNotWatchedBefore() {
    Coverage coverage = Coverage.empty();

    assertThat(coverage.add(10, 20)).containsExactly(new Span(10, 20));
    assertThat(coverage.add(30, 40)).containsExactly(new Span(30, 40));
    assertThat(coverage.add(5, 45)).containsExactly(new Span(5, 10), new Span(20, 30), new Span(40, 45));
    assertThat(coverage.add(12, 18)).isEmpty();
    assertThat(coverage.seconds()).isEqualTo(40);
    assertThat(coverage.toJson()).isEqualTo(new JsonArray("[[5,45]]"));
  }

  @Test
  void mergesAdjacentSpansAndKeepsThemSorted() {
    Coverage coverage = Coverage.empty();
    coverage.add(50, 60);
    coverage.add(0, 10);
    coverage.add(10, 20);

    assertThat(coverage.add(60, 61)).containsExactly(new Span(60, 61));
    assertThat(coverage.toJson()).isEqualTo(new JsonArray("[[0,20],[50,61]]"));
    assertThat(coverage.seconds()).isEqualTo(31);
  }

  @Test
  void ignoresEmptyAndBackwardSpans() {
    Coverage coverage = Coverage.empty();

    assertThat(coverage.add(7, 7)).isEmpty();
    assertThat(coverage.add(9, 3)).isEmpty();
    assertThat(coverage.seconds()).isZero();
  }

  @Test
  void readsWhatItStored() {
    Coverage coverage = Coverage.empty();
    coverage.add(1, 4);
    coverage.add(8, 9);

    Coverage read = Coverage.of(coverage.toJson());

    assertThat(read.seconds()).isEqualTo(4);
    assertThat(read.add(0, 10)).containsExactly(new Span(0, 1), new Span(4, 8), new Span(9, 10));
  }
}
