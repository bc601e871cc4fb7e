package org.anserv.runtime.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdWindowTest {

  @Test
  void remembersAtLeastTheNewestHalfWindowAndForgetsBeyondTheWindow() {
    IdWindow window = new IdWindow(1_000);
    for (int i = 0; i < 10_000; i++) {
      window.add(new EventId(i * 31L, i), i);
    }

    for (int i = 9_500; i < 10_000; i++) {
      assertThat(window.find(new EventId(i * 31L, i))).isEqualTo(i);
    }
    for (int i = 0; i < 9_000; i++) {
      assertThat(window.find(new EventId(i * 31L, i))).isEqualTo(-1);
    }
  }

  @Test
  void tellsApartIdsThatShareHalfTheirBits() {
    IdWindow window = new IdWindow(100);
    window.add(new EventId(1, 2), 7);

    assertThat(window.find(new EventId(1, 3))).isEqualTo(-1);
    assertThat(window.find(new EventId(2, 2))).isEqualTo(-1);
    assertThat(window.find(new EventId(1, 2))).isEqualTo(7);
  }
}
