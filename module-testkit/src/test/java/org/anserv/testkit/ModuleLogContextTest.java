package org.anserv.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.anserv.api.Event;
import org.anserv.api.EventHandler;
import org.anserv.api.Module;
import org.anserv.api.Query;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Whatever a module's own code logs carries the module's name: the runtime puts it in the logging MDC. */
class ModuleLogContextTest {

  @Module(name = "mdc-probe", description = "Reports the logging context its code runs in")
  public static class Probe {

    private String seenByHandler = "";

    @EventHandler
    public void seen(Event event) {
      seenByHandler = String.valueOf(MDC.get("module"));
    }

    @Query
    public String handler() {
      return seenByHandler;
    }

    @Query
    public String query() {
      return String.valueOf(MDC.get("module"));
    }
  }

  @Test
  void handlersAndQueriesRunWithTheModuleNameInTheMdc() {
    try (ModuleTestKit kit = ModuleTestKit.start(Probe.class)) {
      kit.feed(new JsonObject().put("event_type", "anything"));

      assertThat(kit.query("mdc-probe", "query")).isEqualTo("mdc-probe");
      assertThat(kit.query("mdc-probe", "handler")).isEqualTo("mdc-probe");
    }
    assertThat(MDC.get("module")).as("nothing left on the test's thread").isNull();
  }
}
