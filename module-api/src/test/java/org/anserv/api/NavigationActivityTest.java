package org.anserv.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.anserv.api.event.NavigationAction;
import org.anserv.api.event.NavigationActivity;
import org.junit.jupiter.api.Test;

class NavigationActivityTest {

  private static final String SEQUENCE =
      "block-v1:AnservX+VID101+2026_T1+type@sequential+block@5e9d00000000000000000000000000aa";

  @Test
  void readsTabSelection() {
    NavigationActivity navigation = Fixtures.event("seq-goto").navigation().orElseThrow();

    assertThat(navigation.action()).isEqualTo(NavigationAction.TAB_SELECTED);
    assertThat(navigation.sequenceId()).contains(SEQUENCE);
    assertThat(navigation.oldTab()).contains(1);
    assertThat(navigation.newTab()).contains(3);
    assertThat(navigation.tabCount()).contains(4);
    assertThat(navigation.widgetPlacement()).contains("top");
  }

  @Test
  void derivesTargetOfNextFromCurrentTabLikeThePlatform() {
    NavigationActivity navigation = Fixtures.event("seq-next-new-only").navigation().orElseThrow();

    assertThat(navigation.action()).isEqualTo(NavigationAction.NEXT);
    assertThat(navigation.oldTab()).contains(2);
    assertThat(navigation.newTab()).contains(3);
  }

  @Test
  void readsOutlineSelection() {
    NavigationActivity navigation = Fixtures.event("outline-selected").navigation().orElseThrow();

    assertThat(navigation.action()).isEqualTo(NavigationAction.OUTLINE_SELECTED);
    assertThat(navigation.targetName()).contains("Week 2");
    assertThat(navigation.targetUrl()).hasValueSatisfying(url -> assertThat(url).contains("/jump_to/"));
    assertThat(navigation.currentUrl()).hasValueSatisfying(url -> assertThat(url).endsWith("/course/"));
    assertThat(navigation.sequenceId()).isEmpty();
  }
}
