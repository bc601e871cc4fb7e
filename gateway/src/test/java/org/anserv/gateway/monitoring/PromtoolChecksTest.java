package org.anserv.gateway.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Assumptions;

/** The monitoring files pass promtool's own checks and the alerts' unit tests. */
class PromtoolChecksTest {

  private static final Path PROMETHEUS = PrometheusTools.MONITORING.resolve("prometheus");

  @BeforeEach
  void needsPromtool(TestInfo test) {
    if (!PrometheusTools.installed()) {
      System.out.println(PrometheusTools.MISSING);
    }
    Assumptions.assumeTrue(PrometheusTools.installed(), PrometheusTools.MISSING);
  }

  @Test
  void configurationIsValidAndFindsItsRuleFiles() throws Exception {
    PrometheusTools.Result result = PrometheusTools.promtool(PROMETHEUS, null, "check", "config", "prometheus.yml");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS: 2 rule files found");
  }

  @Test
  void rulesAreValid() throws Exception {
    PrometheusTools.Result result = PrometheusTools.promtool(PROMETHEUS, null, "check", "rules",
        "rules/recording.yml", "rules/alerts.yml");

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void everyAlertFiresOnItsSyntheticSeriesAndNoneOnAHealthyNode() throws Exception {
    PrometheusTools.Result result = PrometheusTools.promtool(PROMETHEUS, null, "test", "rules",
        "tests/alerts_test.yml");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }
}
