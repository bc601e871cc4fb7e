package org.anserv.runtime.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SqlSettingsTest {

  @Test
  void defaultsToAnEmbeddedServerWithTheEdxappDatabase() {
    assertThat(SqlSettings.defaults())
        .isEqualTo(new SqlSettings("127.0.0.1", 3306, "edxapp", "root", "", 4, Duration.ofSeconds(30), true));
  }

  @Test
  void readsFlatDottedKeys() {
    JsonObject config = new JsonObject()
        .put("sql.host", "replica.example.org")
        .put("sql.port", 3307)
        .put("sql.database", "edxapp_prod")
        .put("sql.user", "analytics")
        .put("sql.password", "s3cret")
        .put("sql.pool.size", 8)
        .put("sql.timeout.ms", 5000);

    assertThat(SqlSettings.fromConfig(config)).isEqualTo(new SqlSettings("replica.example.org", 3307, "edxapp_prod",
        "analytics", "s3cret", 8, Duration.ofSeconds(5), false));
  }

  @Test
  void aConfiguredHostMeansNoEmbeddedServerUnlessForced() {
    assertThat(SqlSettings.fromConfig(new JsonObject().put("sql.host", "db")).embedded()).isFalse();
    assertThat(SqlSettings.fromConfig(new JsonObject().put("sql.host", "db").put("sql.embedded", true)).embedded())
        .isTrue();
    assertThat(SqlSettings.fromConfig(new JsonObject().put("sql.embedded", false)).embedded()).isFalse();
  }

  @Test
  void acceptsStringsAsEnvironmentOverridesGiveThem() {
    JsonObject config = new JsonObject().put("sql.port", "3308").put("sql.embedded", "FALSE").put("sql.pool.size", " 2");

    SqlSettings settings = SqlSettings.fromConfig(config);

    assertThat(settings.port()).isEqualTo(3308);
    assertThat(settings.embedded()).isFalse();
    assertThat(settings.poolSize()).isEqualTo(2);
  }

  @Test
  void namesTheKeyOfAWrongValue() {
    assertThatThrownBy(() -> SqlSettings.fromConfig(new JsonObject().put("sql.port", "high")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sql.port must be a whole number, got 'high'");
    assertThatThrownBy(() -> SqlSettings.fromConfig(new JsonObject().put("sql.port", 70000)))
        .hasMessage("sql.port must be between 1 and 65535, got 70000");
    assertThatThrownBy(() -> SqlSettings.fromConfig(new JsonObject().put("sql.pool.size", 0)))
        .hasMessage("sql.pool.size must be at least 1, got 0");
    assertThatThrownBy(() -> SqlSettings.fromConfig(new JsonObject().put("sql.timeout.ms", -1)))
        .hasMessage("sql.timeout.ms must be positive, got -1");
    assertThatThrownBy(() -> SqlSettings.fromConfig(new JsonObject().put("sql.embedded", "yes")))
        .hasMessage("sql.embedded must be true or false, got 'yes'");
  }

  @Test
  void neverPrintsThePassword() {
    SqlSettings settings = SqlSettings.defaults().connectingTo("db", 3306, "analytics", "s3cret");

    assertThat(settings.toString()).doesNotContain("s3cret").contains("password=****", "user=analytics");
  }

  @Test
  void pointsAtAnotherServerKeepingTheRest() {
    SqlSettings configured = SqlSettings.defaults().withDatabase("edxapp_test");

    SqlSettings moved = configured.connectingTo("10.0.0.5", 3310, "reader", "pw");

    assertThat(moved).isEqualTo(new SqlSettings("10.0.0.5", 3310, "edxapp_test", "reader", "pw", 4,
        Duration.ofSeconds(30), true));
  }
}
