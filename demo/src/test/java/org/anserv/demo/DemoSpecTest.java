package org.anserv.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DemoSpecTest {

  @Test
  void defaultsAreTheDocumentedDemo() {
    DemoSpec spec = DemoSpec.defaults();

    assertThat(spec).isEqualTo(new DemoSpec(42, 2, 200, 30, LocalDate.of(2026, 1, 5)));
    assertThat(spec.endDate()).isEqualTo(LocalDate.of(2026, 2, 3));
  }

  @Test
  void rejectsSizesOutOfRangeNamingTheField() {
    assertThatThrownBy(() -> new DemoSpec(1, 0, 10, 10, DemoSpec.DEFAULT_START))
        .hasMessage("courses must be between 1 and 50, was 0");
    assertThatThrownBy(() -> new DemoSpec(1, 1, 10, 0, DemoSpec.DEFAULT_START))
        .hasMessage("days must be between 1 and 3650, was 0");
  }
}
