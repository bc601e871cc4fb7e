package org.anserv.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.anserv.api.DefinitionException;
import org.anserv.api.Module;
import org.anserv.api.Query;
import org.anserv.testkit.example.VideoPlays;
import org.junit.jupiter.api.Test;

/** The module and the test shown in the README, kept compiling and passing here. */
class ReadmeExampleTest {

  @Test
  void countsPlaysPerVideo() {
    try (ModuleTestKit kit = ModuleTestKit.start(VideoPlays.class)) {
      kit.feed(new JsonObject().put("event_type", "play_video").put("event_source", "browser")
          .put("event", "{\"id\": \"intro\", \"currentTime\": 0}"));

      assertThat(kit.query("video-plays", "plays", Map.of("video", "intro"))).isEqualTo(1L);
      assertThat(kit.documents("video-plays", "plays")).hasSize(1);
    }
  }

  @Test
  void reportsACallFailureWithItsStatus() {
    try (ModuleTestKit kit = ModuleTestKit.start(VideoPlays.class)) {
      assertThatThrownBy(() -> kit.query("video-plays", "plays", Map.of()))
          .isInstanceOfSatisfying(CallFailedException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
  }

  @Module
  public static class Invalid {
    @Query
    public void nothing() {
    }
  }

  @Test
  void refusesAnInvalidModuleWithItsProblems() {
    assertThatThrownBy(() -> ModuleTestKit.start(Invalid.class))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("@Query method 'Invalid.nothing()' returns void");
  }
}
