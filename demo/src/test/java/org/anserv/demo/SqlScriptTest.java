package org.anserv.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.anserv.api.Event;
import org.anserv.api.Source;
import org.anserv.api.event.ProblemAction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

  private static final DemoSpec SPEC = new DemoSpec(11, 3, 80, 14, LocalDate.of(2026, 9, 7));
  private static final Pattern PROBLEM_ROW = Pattern.compile(
      "\\(\\d+, 'problem', '([^']+)', '([^']+)', '(?:[^']|'')*', ([0-9.]+|NULL), ([0-9.]+|NULL), 'na', '[^']+', "
          + "'[^']+', (\\d+)\\)");

  private static DemoWorld world;
  private static String sql;
  private static List<String> statements;

  @BeforeAll
  static void write() throws IOException {
    world = DemoWorld.generate(SPEC);
    StringWriter out = new StringWriter();
    world.sql(out);
    sql = out.toString();
    statements = Arrays.stream(sql.split(";\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  @Test
  void everyStatementEndsAtASemicolonAndNewline() {
    assertThat(sql).endsWith(";\n");
    assertThat(statements).allSatisfy(statement -> assertThat(statement)
        .matches("(?s)(-- [^\n]*\n)?(SET |DROP TABLE IF EXISTS |CREATE TABLE |INSERT INTO ).*"));
  }

  @Test
  void createsTheEdxPlatformTables() {
    assertThat(statements.stream().filter(s -> s.startsWith("CREATE TABLE")).map(s -> s.split("`")[1]))
        .containsExactly("auth_user", "auth_userprofile", "student_courseenrollment", "courseware_studentmodule",
            "certificates_generatedcertificate", "course_overviews_courseoverview",
            "external_user_ids_externalidtype", "external_user_ids_externalid");
  }

  @Test
  void insertsInBatchesWithOneRowPerUserAndEnrollment() {
    assertThat(rows("auth_user")).isEqualTo(SPEC.students());
    assertThat(rows("auth_userprofile")).isEqualTo(SPEC.students());
    assertThat(rows("student_courseenrollment")).isEqualTo(world.enrollments().size());
    assertThat(rows("course_overviews_courseoverview")).isEqualTo(SPEC.courses());
    assertThat(rows("external_user_ids_externalid")).isEqualTo(SPEC.students());
    JsonObject courses = world.truth().getJsonObject("courses");
    long certificates = courses.fieldNames().stream().flatMap(c -> courses.getJsonObject(c)
        .getJsonObject("certificates").stream()).mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
    assertThat(rows("certificates_generatedcertificate")).isEqualTo(certificates);
    assertThat(statements.stream().filter(s -> s.startsWith("INSERT"))).allSatisfy(s ->
        assertThat(s.split("\\),\n\\(").length).isLessThanOrEqualTo(500));
  }

  @Test
  void problemGradesAreTheLastCheckedGradesOfTheLog() {
    Map<String, Double> fromLog = new HashMap<>();
    for (Iterator<JsonObject> it = world.events(); it.hasNext(); ) {
      Event event = Event.of(it.next());
      event.problem().filter(p -> p.action() == ProblemAction.CHECK && event.source().orElseThrow() == Source.SERVER)
          .ifPresent(p -> fromLog.put(event.userId().orElseThrow() + " " + p.problemId().orElseThrow(),
              p.grade().orElseThrow()));
    }
    Map<String, Double> fromSql = new HashMap<>();
    Matcher row = PROBLEM_ROW.matcher(sql);
    while (row.find()) {
      fromSql.put(row.group(5) + " " + row.group(1), Double.valueOf(row.group(3)));
    }

    assertThat(fromSql).isNotEmpty().isEqualTo(fromLog);
  }

  private static long rows(String table) {
    return statements.stream().filter(s -> s.startsWith("INSERT INTO `" + table + "`"))
        .mapToLong(s -> s.split("\\),\n\\(").length).sum();
  }
}
