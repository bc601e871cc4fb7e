package org.anserv.runtime.log.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.anserv.runtime.log.EventId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdWindowTest {

  @Test
  void remembersAtLeastTheNewestHalfWindowAndForgetsBeyondTheWindow() {
    IdWindow window = new IdWindow(1_000);
    for (int i = 0; i < 10_000; i++) {
      window.add(TestEvents.id(i), i);
    }

    for (int i = 9_500; i < 10_000; i++) {
      assertThat(window.find(TestEvents.id(i))).isEqualTo(i);
    }
    for (int i = 0; i < 9_000; i++) {
      assertThat(window.find(TestEvents.id(i))).isEqualTo(-1);
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

  @Test
  void storesAnEventAgainOnceItsOriginalLeftTheWindow(@TempDir Path directory) throws IOException {
    LocalEventLog log = LocalEventLog.open(LocalLogOptions.defaults(directory).withDedupWindow(4), null, null);
    TestEvents.await(log.append(TestEvents.entries(0, 10)));

    assertThat(TestEvents.await(log.append(TestEvents.entries(0, 1))).getFirst().duplicate()).isFalse();
    assertThat(TestEvents.await(log.append(TestEvents.entries(9, 1))).getFirst().duplicate()).isTrue();
    TestEvents.await(log.close());
  }
}
