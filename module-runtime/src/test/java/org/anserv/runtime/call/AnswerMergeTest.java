package org.anserv.runtime.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AnswerMergeTest {

  @Test
  void addsNumbersMergesObjectsByKeyAndConcatenatesArrays() {
    Object total = AnswerMerge.sum(Arrays.asList(
        new JsonObject().put("events", 3).put("byCourse", new JsonObject().put("a", 1)).put("names",
            new JsonArray().add("ann")).put("unit", "events"),
        new JsonObject().put("events", 4L).put("byCourse", new JsonObject().put("a", 2).put("b", 5)).put("names",
            new JsonArray().add("bob")).put("unit", "events"),
        new JsonObject().put("events", 0.5)));
    assertThat(total).isEqualTo(new JsonObject().put("events", 7.5)
        .put("byCourse", new JsonObject().put("a", 3L).put("b", 5)).put("names", new JsonArray().add("ann").add("bob"))
        .put("unit", "events"));
  }

  @Test
  void keepsWholeNumbersWholeAndLeavesTheShardsAnswersUntouched() {
    JsonObject first = new JsonObject().put("n", 1);
    assertThat(AnswerMerge.sum(Arrays.asList(first, new JsonObject().put("n", 2)))).isEqualTo(
        new JsonObject().put("n", 3L));
    assertThat(first).isEqualTo(new JsonObject().put("n", 1));
    assertThat(AnswerMerge.sum(Arrays.asList(2, 3, 4))).isEqualTo(9L);
  }

  @Test
  void refusesAnswersThatDisagreeNamingWhere() {
    assertThatThrownBy(() -> AnswerMerge.sum(Arrays.asList(new JsonObject().put("top", new JsonObject()
        .put("name", "ann")), new JsonObject().put("top", new JsonObject().put("name", "bob")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the shards' answers differ at '.top.name' (\"ann\" and \"bob\")");
  }
}
