package org.anserv.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every scenario of the harness at the smoke scale (a 20-student world, one-second phases) to prove the harness
 * still works end to end. It asserts what was measured and that nothing was lost, never how fast: speed targets live
 * in BENCHMARKS.md.
 */
class HarnessSmokeTest {

  @TempDir
  Path work;

  @Test
  void everyScenarioPrintsItsFiguresAndEveryModuleCountsEveryEvent() throws Exception {
    Path table = work.resolve("table.md");
    List<Figures> lines = Harness.run(HarnessOptions.parse(new String[] {"--scale", "smoke", "--mongo", "memory",
        "--work", work.toString(), "--out", table.toString()}));

    assertThat(lines).extracting(Figures::scenario).contains("1 raw", "2 intake", "3 queued", "4 realtime",
        "5 queries", "6 growth");
    assertThat(lines).filteredOn(f -> !f.scenario().equals("5 queries"))
        .allSatisfy(f -> assertThat(f.eventsPerSecond()).isPositive());
    assertThat(lines).filteredOn(f -> f.scenario().equals("3 queued")).first()
        .satisfies(f -> assertThat(f.note()).containsPattern("^(\\d+) events;.*; counts/total \\1;")
            .contains("drained").doesNotContain("failed"));
    assertThat(lines).filteredOn(f -> f.scenario().equals("4 realtime")).first()
        .satisfies(f -> assertThat(f.note()).doesNotContain("failed"));
    assertThat(lines).filteredOn(f -> f.scenario().equals("6 growth"))
        .allSatisfy(f -> assertThat(f.note()).containsPattern("(\\d+) of \\1 modules counted all"));
    assertThat(lines).filteredOn(f -> f.scenario().equals("5 queries")).hasSizeGreaterThan(20)
        .allSatisfy(f -> assertThat(f.note()).doesNotContain("no answer"));
    assertThat(Files.readString(table)).contains("| 1 raw |", "| 6 growth |");
  }

  @Test
  void unknownScenarioIsRefusedWithTheUsage() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> HarnessOptions.parse(new String[] {"fastest"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown scenario or option 'fastest'").hasMessageContaining("usage: bench/run");
  }
}
