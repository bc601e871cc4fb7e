package org.anserv.modules.video;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.anserv.api.event.VideoAction;
import org.anserv.api.event.VideoActivity;
import org.junit.jupiter.api.Test;

class ViewerTest {

  private static final VideoRef VIDEO = new VideoRef("video/v", "", "v");

  private final Viewer viewer = Viewer.first(VIDEO, "ann");
  private final VideoTotals totals = new VideoTotals(VIDEO);

  private static VideoActivity at(VideoAction action, Double time) {
    Optional<Double> none = Optional.empty();
    return new VideoActivity(action, Optional.of("v"), Optional.empty(), Optional.ofNullable(time), none, none, none,
        none, none, Optional.empty(), none);
  }

  private static VideoActivity seek(double from, double to) {
    Optional<Double> none = Optional.empty();
    return new VideoActivity(VideoAction.SEEK, Optional.of("v"), Optional.empty(), none, none, none, none,
        Optional.of(from), Optional.of(to), Optional.empty(), none);
  }

  private JsonObject apply(String session, VideoActivity... activities) {
    for (VideoActivity activity : activities) {
      viewer.apply(activity, session, totals);
    }
    return viewer.document();
  }

  @Test
  void aSeekWhilePausedOpensNoSegment() {
    JsonObject doc = apply("s", at(VideoAction.PLAY, 0.0), at(VideoAction.PAUSE, 10.0), seek(10, 50),
        at(VideoAction.PAUSE, 60.0));

    assertThat(doc.getDouble("watched")).isEqualTo(10.0);
    assertThat(doc.getJsonArray("covered")).isEqualTo(new JsonArray("[[0,10]]"));
  }

  @Test
  void aSeekWhilePlayingClosesTheSegmentAndOpensTheNextWhereItLanded() {
    JsonObject doc = apply("s", at(VideoAction.PLAY, 0.0), seek(10, 50), at(VideoAction.STOP, 60.0));

    assertThat(doc.getDouble("watched")).isEqualTo(20.0);
    assertThat(doc.getDouble("furthest")).isEqualTo(60.0);
    assertThat(doc.getJsonArray("covered")).isEqualTo(new JsonArray("[[0,10],[50,60]]"));
  }

  @Test
  void aPlayWhilePlayingClosesTheOpenSegmentFirst() {
    JsonObject doc = apply("s", at(VideoAction.PLAY, 0.0), at(VideoAction.PLAY, 8.0), at(VideoAction.PAUSE, 9.0));

    assertThat(doc.getLong("plays")).isEqualTo(2);
    assertThat(doc.getDouble("watched")).isEqualTo(9.0);
  }

  @Test
  void aLoadForgetsAnOpenSegmentWhoseEndIsUnknown() {
    JsonObject doc = apply("s", at(VideoAction.PLAY, 0.0), at(VideoAction.LOAD, null), at(VideoAction.PAUSE, 30.0));

    assertThat(doc.getDouble("watched")).isZero();
    assertThat(doc.getJsonArray("open")).isEmpty();
  }

  @Test
  void sessionsPlayIndependently() {
    apply("tab1", at(VideoAction.PLAY, 0.0));
    apply("tab2", at(VideoAction.PLAY, 100.0));
    apply("tab1", at(VideoAction.PAUSE, 5.0));
    JsonObject doc = apply("tab2", at(VideoAction.PAUSE, 103.0));

    assertThat(doc.getDouble("watched")).isEqualTo(8.0);
    assertThat(doc.getInteger("seconds")).isEqualTo(8);
  }

  @Test
  void keepsAnOpenSegmentAcrossBatches() {
    JsonObject stored = apply("s", at(VideoAction.PLAY, 12.5));
    Viewer read = Viewer.of(new JsonObject(stored.encode()));

    read.apply(at(VideoAction.PAUSE, 20.0), "s", totals);

    assertThat(read.document().getDouble("watched")).isEqualTo(7.5);
    assertThat(read.document().getJsonArray("covered")).isEqualTo(new JsonArray("[[13,20]]"));
  }

  @Test
  void countsAPlayerCompletionEvent() {
    assertThat(apply("s", at(VideoAction.COMPLETE, null)).getBoolean("completed")).isTrue();
  }
}
