package org.anserv.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DiceTest {

  @Test
  void isSplitMix64() {
    assertThat(new Dice(0).nextLong()).isEqualTo(0xE220A8397B1DCDAFL);
    for (long seed : new long[] {1, 42, -7, Long.MAX_VALUE}) {
      Dice dice = new Dice(seed);
      SplittableRandom reference = new SplittableRandom(seed);
      for (int i = 0; i < 100; i++) {
        assertThat(dice.nextLong()).isEqualTo(reference.nextLong());
      }
    }
  }

  @Test
  void derivedStreamsAreReproducibleAndIndependent() {
    assertThat(Dice.of(42, 4, 7, 3).hex(32)).isEqualTo(Dice.of(42, 4, 7, 3).hex(32));
    assertThat(Dice.of(42, 4, 7, 3).hex(32)).isNotEqualTo(Dice.of(42, 4, 3, 7).hex(32));
    assertThat(Dice.of(42, 4, 7, 3).hex(32)).isNotEqualTo(Dice.of(43, 4, 7, 3).hex(32));
  }

  @Test
  void staysWithinBounds() {
    Dice dice = new Dice(1);
    for (int i = 0; i < 10_000; i++) {
      assertThat(dice.below(7)).isBetween(0, 6);
      assertThat(dice.between(-2, 2)).isBetween(-2, 2);
      assertThat(dice.unit()).isGreaterThanOrEqualTo(0).isLessThan(1);
      assertThat(dice.exponential(5)).isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void weightedNeverPicksZeroWeight() {
    Dice dice = new Dice(9);
    for (int i = 0; i < 1000; i++) {
      assertThat(dice.weighted(List.of("a", "b", "c"), 1, 0, 1)).isNotEqualTo("b");
    }
  }

  @Test
  void rejectsEmptyRange() {
    assertThatThrownBy(() -> new Dice(1).below(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
