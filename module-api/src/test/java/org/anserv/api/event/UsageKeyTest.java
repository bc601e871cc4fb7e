package org.anserv.api.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UsageKeyTest {

  @Test
  void parsesBlockV1Key() {
    assertThat(UsageKey.parse("block-v1:AnservX+VID101+2026_T1+type@video+block@3f8a"))
        .contains(new UsageKey("video", "3f8a", Optional.of("course-v1:AnservX+VID101+2026_T1")));
  }

  @Test
  void parsesCcxKeyToCcxCourse() {
    assertThat(UsageKey.parse("ccx-block-v1:AnservX+VID101+2026_T1+ccx@3+type@problem+block@beef"))
        .contains(new UsageKey("problem", "beef", Optional.of("ccx-v1:AnservX+VID101+2026_T1+ccx@3")));
  }

  @Test
  void parsesOldKeysWithoutACourse() {
    assertThat(UsageKey.parse("i4x://AnservX/VID101/problem/beef"))
        .contains(new UsageKey("problem", "beef", Optional.empty()));
    assertThat(UsageKey.parse("i4x-AnservX-VID101-video-3f8a"))
        .contains(new UsageKey("video", "3f8a", Optional.empty()));
  }

  @Test
  void reducesAnyFormToTheBlockIdAndKeepsBareIds() {
    assertThat(UsageKey.blockIdOf("i4x-AnservX-VID101-video-3f8a")).isEqualTo("3f8a");
    assertThat(UsageKey.blockIdOf("3f8a")).isEqualTo("3f8a");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"block-v1:", "block-v1:A+B+C+type@+block@x", "block-v1:A+B+C+type@video", "i4x://A/B/c",
      "i4x-A-B", "course-v1:A+B+C"})
  void rejectsMalformedKeys(String text) {
    assertThat(UsageKey.parse(text)).isEmpty();
  }
}
