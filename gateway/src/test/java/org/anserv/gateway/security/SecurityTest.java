package org.anserv.gateway.security;

import static org.anserv.gateway.security.SecureServer.C1;
import static org.anserv.gateway.security.SecureServer.C2;
import static org.anserv.gateway.security.SecureServer.bearer;
import static org.anserv.gateway.security.SecureServer.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Who may send events and who may see what, over real HTTP against a node with security on. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SecurityTest {

  private SecureServer server;

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    server = SecureServer.start(dataDir, new JsonObject().put("security.management", "staff"));
    String events = String.join("\n", event("ann", C1), event("ann", C1), event("ann", C1), event("bob", C1),
        event("bob", C1), event("bob", C1), event("bob", C1), event("bob", C1), event("cid", C2));
    assertThat(server.post("/events?sync=true", bearer(SecureServer.LMS_SECRET), events).statusCode())
        .isEqualTo(200);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private static void assertJsonError(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getInteger("status")).isEqualTo(status);
    assertThat(body.getString("message")).isNotBlank();
  }

  private HttpResponse<Buffer> signed(String producer, long seconds, byte[] key, String signedBody, String sentBody) {
    String hex = HexFormat.of().formatHex(ProducerAuth.Signature.sign(key, seconds,
        signedBody.getBytes(StandardCharsets.UTF_8)));
    return server.post("/events", MultiMap.caseInsensitiveMultiMap().add(ProducerAuth.SIGNATURE_HEADER,
        "producer=" + producer + ",t=" + seconds + ",v1=" + hex), sentBody);
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }

  @Nested
  class EventIntake {

    @Test
    void refusesAPostWithoutCredentialsAndCountsIt() {
      double before = server.counter("anserv.intake.auth.failures", "reason", "missing");
      HttpResponse<Buffer> response = server.post("/events", MultiMap.caseInsensitiveMultiMap(), event("x", C1));
      assertJsonError(response, 401);
      assertThat(response.getHeader("WWW-Authenticate")).contains("Basic");
      assertThat(server.counter("anserv.intake.auth.failures", "reason", "missing")).isEqualTo(before + 1);
      assertThat(server.get("/metrics", "ops").bodyAsString())
          .contains("anserv_intake_auth_failures_total{reason=\"missing\"}");
    }

    @Test
    void acceptsABearerSecretAndRefusesAWrongOne() {
      assertThat(server.post("/events", bearer(SecureServer.LMS_SECRET), event("x", C1)).statusCode()).isEqualTo(202);
      assertJsonError(server.post("/events", bearer("lms-secret-wrong"), event("x", C1)), 401);
    }

    @Test
    void acceptsHttpBasicAsPythonLoggingAndVectorSendIt() {
      String good = Base64.getEncoder().encodeToString(("lms:" + SecureServer.LMS_SECRET).getBytes());
      String wrongName = Base64.getEncoder().encodeToString(("vector:" + SecureServer.LMS_SECRET).getBytes());
      assertThat(server.post("/events", MultiMap.caseInsensitiveMultiMap().add("Authorization", "Basic " + good),
          event("x", C1)).statusCode()).isEqualTo(202);
      assertJsonError(server.post("/events", MultiMap.caseInsensitiveMultiMap().add("Authorization",
          "Basic " + wrongName), event("x", C1)), 401);
      assertJsonError(server.post("/events", MultiMap.caseInsensitiveMultiMap().add("Authorization",
          "Basic %%%"), event("x", C1)), 401);
    }

    @Test
    void acceptsAQueryTokenForLoggersThatCannotSetHeaders() {
      assertThat(server.post("/events?token=" + SecureServer.LMS_SECRET, MultiMap.caseInsensitiveMultiMap(),
          event("x", C1)).statusCode()).isEqualTo(202);
      String message = new JsonObject().put("username", "x").put("event_type", "t").encode();
      assertThat(server.get("/events?token=" + SecureServer.LMS_SECRET + "&msg="
          + java.net.URLEncoder.encode(message, StandardCharsets.UTF_8), null).statusCode()).isEqualTo(202);
    }

    @Test
    void refusesTwoCredentialsInOneRequest() {
      assertJsonError(server.post("/events?token=" + SecureServer.LMS_SECRET, bearer(SecureServer.LMS_SECRET),
          event("x", C1)), 401);
    }

    @Test
    void acceptsASignedBodyOnceAndRefusesItsReplay() {
      long t = now();
      String body = event("signed", C1);
      assertThat(signed("lms", t, SecureServer.LMS_KEY, body, body).statusCode()).isEqualTo(202);
      HttpResponse<Buffer> replay = signed("lms", t, SecureServer.LMS_KEY, body, body);
      assertJsonError(replay, 401);
      assertThat(replay.bodyAsJsonObject().getString("message")).contains("replay");
    }

    @Test
    void refusesAnAlteredBodyAStaleTimeAndAWrongKey() {
      String body = event("signed", C1);
      HttpResponse<Buffer> altered = signed("lms", now(), SecureServer.LMS_KEY, body, body.replace("signed", "forged"));
      assertJsonError(altered, 401);
      assertThat(altered.bodyAsJsonObject().getString("message")).contains("altered");
      HttpResponse<Buffer> stale = signed("lms", now() - 3_600, SecureServer.LMS_KEY, body, body);
      assertJsonError(stale, 401);
      assertThat(stale.bodyAsJsonObject().getString("message")).contains("more than 300 s");
      assertJsonError(signed("lms", now(), "another-key-0123456789abcdef".getBytes(), body, body), 401);
      assertJsonError(signed("vector", now(), SecureServer.LMS_KEY, body, body), 401);
      assertJsonError(server.post("/events", MultiMap.caseInsensitiveMultiMap().add(ProducerAuth.SIGNATURE_HEADER,
          "t=1,v1=zz"), body), 401);
    }

    @Test
    void limitsAProducerToItsRateWithRetryAfter() {
      List<io.vertx.core.Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        sent.add(server.client.post("/events").putHeader("Authorization", "Bearer " + SecureServer.VECTOR_SECRET)
            .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(event("v", C1))));
      }
      List<Integer> statuses = new ArrayList<>();
      HttpResponse<Buffer> limited = null;
      for (var future : sent) {
        HttpResponse<Buffer> response = SecureServer.await(future);
        statuses.add(response.statusCode());
        limited = response.statusCode() == 429 ? response : limited;
      }
      assertThat(statuses).contains(202, 429);
      assertJsonError(limited, 429);
      assertThat(Integer.parseInt(limited.getHeader("Retry-After"))).isGreaterThanOrEqualTo(1);
    }
  }

  @Nested
  class Rotation {

    @Test
    void takesANewSecretWithoutRestartWhileTheOldOneOverlapsThenDropsTheOld() throws Exception {
      String next = "lms-secret-next-0123456789";
      JsonObject both = SecureServer.credentials(SecureServer.LMS_SECRET);
      both.getJsonObject("producers").getJsonObject("lms").getJsonArray("secrets")
          .addAll(SecureServer.credentials(next).getJsonObject("producers").getJsonObject("lms")
              .getJsonArray("secrets"));
      Files.writeString(server.credentials, both.encodePrettily());
      assertThat(server.await(server.client.post("/admin/credentials/reload")
          .putHeader("Authorization", "Bearer ops-token").send()).statusCode()).isEqualTo(200);
      assertThat(server.post("/events", bearer(next), event("x", C1)).statusCode()).isEqualTo(202);
      assertThat(server.post("/events", bearer(SecureServer.LMS_SECRET), event("x", C1)).statusCode()).isEqualTo(202);

      // Only the new one, picked up from the file change alone.
      Files.writeString(server.credentials, SecureServer.credentials(next).encodePrettily());
      Files.setLastModifiedTime(server.credentials, java.nio.file.attribute.FileTime.fromMillis(
          System.currentTimeMillis() + 5_000));
      long deadline = System.currentTimeMillis() + 10_000;
      int old = 202;
      while (old != 401 && System.currentTimeMillis() < deadline) {
        Thread.sleep(250);
        old = server.post("/events", bearer(SecureServer.LMS_SECRET), event("x", C1)).statusCode();
      }
      assertThat(old).isEqualTo(401);
      assertThat(server.post("/events", bearer(next), event("x", C1)).statusCode()).isEqualTo(202);
      Files.writeString(server.credentials, SecureServer.credentials(SecureServer.LMS_SECRET).encodePrettily());
      assertThat(server.await(server.client.post("/admin/credentials/reload")
          .putHeader("Authorization", "Bearer ops-token").send()).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesReloadToAnyoneButStaff() {
      assertJsonError(server.await(server.client.post("/admin/credentials/reload").send()), 401);
      assertJsonError(server.await(server.client.post("/admin/credentials/reload")
          .putHeader("Authorization", "Bearer prof-token").send()), 403);
    }
  }

  @Nested
  class AuthorisationMatrix {

    /** One row: who asks for what, and the status they must get. */
    private record Row(String user, String path, int status) {
    }

    @Test
    void answersEveryRoleAndEndpointAsDeclared() {
      String c1 = java.net.URLEncoder.encode(C1, StandardCharsets.UTF_8);
      String c2 = java.net.URLEncoder.encode(C2, StandardCharsets.UTF_8);
      List<Row> rows = List.of(
          new Row(null, "/queries/counts/total", 200),
          new Row(null, "/queries/counts/top", 401),
          new Row(null, "/queries/counts/user?user=bob", 401),
          new Row(null, "/queries/enrollment/summary?course=" + c1, 401),
          new Row(null, "/queries/class-rank/distribution?course=" + c1, 401),
          new Row(null, "/views/counts/overview", 401),
          new Row(null, "/files/counts/anything", 401),
          new Row(null, "/metrics", 401),
          new Row("ann", "/queries/counts/total", 200),
          new Row("ann", "/queries/counts/top", 403),
          new Row("ann", "/queries/counts/user", 200),
          new Row("ann", "/queries/counts/user?user=ann", 200),
          new Row("ann", "/queries/counts/user?user=bob", 403),
          new Row("ann", "/queries/enrollment/summary?course=" + c1, 403),
          new Row("ann", "/queries/class-rank/distribution?course=" + c2, 200),
          new Row("ann", "/views/class-rank/rank?user=bob&course=" + c1, 403),
          new Row("ann", "/views/class-rank/distribution?course=" + c1, 403),
          new Row("ann", "/files/counts/anything", 403),
          new Row("ann", "/metrics", 403),
          new Row("prof", "/queries/counts/total", 200),
          new Row("prof", "/queries/counts/top", 403),
          new Row("prof", "/queries/counts/user?user=bob", 403),
          new Row("prof", "/queries/enrollment/summary?course=" + c1, 200),
          new Row("prof", "/queries/enrollment/summary?course=" + c2, 403),
          new Row("prof", "/queries/enrollment/summary", 403),
          new Row("prof", "/queries/enrollment/summary?course=" + c1 + "&course_id=" + c2, 403),
          new Row("prof", "/queries/class-rank/distribution?course=" + c1, 200),
          new Row("prof", "/queries/class-rank/distribution?course=" + c2, 403),
          new Row("prof", "/views/class-rank/rank?user=bob&course=" + c2, 403),
          new Row("ops", "/queries/counts/top", 200),
          new Row("ops", "/queries/counts/user?user=bob", 200),
          new Row("ops", "/queries/enrollment/summary?course=" + c2, 200),
          new Row("ops", "/views/counts/overview", 200),
          new Row("ops", "/metrics", 200),
          new Row("nobody", "/queries/counts/total", 401));
      List<String> wrong = new ArrayList<>();
      for (Row row : rows) {
        HttpResponse<Buffer> response = server.get(row.path(), row.user());
        if (response.statusCode() != row.status()) {
          wrong.add(row + " got " + response.statusCode() + ": " + response.bodyAsString());
        } else if (row.status() >= 400) {
          assertJsonError(response, row.status());
        }
      }
      assertThat(wrong).isEmpty();
    }

    @Test
    void letsAnInstructorSeeAStudentOnlyThroughTheirCourse() {
      String c1 = java.net.URLEncoder.encode(C1, StandardCharsets.UTF_8);
      int status = server.get("/views/class-rank/rank?user=bob&course=" + c1, "prof").statusCode();
      assertThat(status).isNotIn(401, 403);
    }

    private List<String> counts(JsonObject schema) {
      return schema.getJsonArray("modules").stream().map(JsonObject.class::cast)
          .filter(m -> m.getString("name").equals("counts")).flatMap(m -> m.getJsonArray("queries").stream())
          .map(q -> ((JsonObject) q).getString("name")).toList();
    }

    @Test
    void showsEachCallerOnlyTheViewsAndQueriesTheyMayOpen() {
      JsonObject anonymous = server.get("/schema", null).bodyAsJsonObject();
      JsonObject student = server.get("/schema", "ann").bodyAsJsonObject();
      JsonObject staff = server.get("/schema", "ops").bodyAsJsonObject();
      assertThat(counts(anonymous)).containsExactly("total");
      assertThat(counts(student)).containsExactlyInAnyOrder("total", "user");
      assertThat(student.getJsonArray("failed")).isEmpty();
      assertThat(counts(staff)).containsExactlyInAnyOrder("total", "user", "top");
      assertThat(staff.getJsonArray("modules").size()).isGreaterThan(student.getJsonArray("modules").size());
    }
  }

  @Nested
  class StudentParameterTricks {

    private long count(String query) {
      HttpResponse<Buffer> response = server.get("/queries/counts/user" + query, "ann");
      assertThat(response.statusCode()).as(query + ": " + response.bodyAsString()).isEqualTo(200);
      return Long.parseLong(response.bodyAsString());
    }

    @Test
    void pinsTheStudentsOwnNameWhenNoneIsGiven() {
      assertThat(count("")).isEqualTo(3);
      assertThat(server.get("/queries/counts/user", "bob").bodyAsString()).isEqualTo("5");
    }

    @Test
    void refusesEveryWayOfNamingAnotherStudent() {
      List<String> tricks = List.of("?user=bob", "?User=bob", "?USER=bob", "?username=bob", "?student=bob",
          "?user_id=bob", "?user-id=bob", "?userId=bob", "?us%65r=bob", "?user=ann&student=bob", "?user=bob%00",
          "?user=ANN", "?user=ann%20", "?user=bob&user=ann", "?user=ann&user=bob", "?user%00=bob", "?user[]=bob",
          "?user.=bob", "?%75ser=bob", "?learner=bob", "?email=bob", "?sample=false&user=bob", "?user=", "?x=1&USERNAME=bob");
      List<String> leaked = new ArrayList<>();
      for (String trick : tricks) {
        HttpResponse<Buffer> response = server.get("/queries/counts/user" + trick, "ann");
        if (response.statusCode() != 403 && response.statusCode() != 400) {
          leaked.add(trick + " -> " + response.statusCode() + " " + response.bodyAsString());
        } else {
          assertJsonError(response, response.statusCode());
        }
      }
      assertThat(leaked).isEmpty();
    }

    @Test
    void ignoresABodyAndRefusesOtherMethods() {
      HttpResponse<Buffer> withBody = server.await(server.client.get("/queries/counts/user")
          .putHeader("Authorization", "Bearer ann-token").putHeader("Content-Type", "application/x-www-form-urlencoded")
          .sendBuffer(Buffer.buffer("user=bob")));
      assertThat(withBody.bodyAsString()).isEqualTo("3");
      assertJsonError(server.await(server.client.post("/queries/counts/user?user=bob")
          .putHeader("Authorization", "Bearer ann-token").sendBuffer(Buffer.buffer("user=bob"))), 405);
    }

    @Test
    void pinsTheStudentInViewsAndTheirSampleToo() {
      String c1 = java.net.URLEncoder.encode(C1, StandardCharsets.UTF_8);
      assertThat(server.get("/views/class-rank/rank?course=" + c1, "ann").statusCode()).isNotIn(401, 403);
      assertJsonError(server.get("/views/class-rank/rank?course=" + c1 + "&Student=bob", "ann"), 403);
      assertJsonError(server.get("/views/counts/overview?sample=true", "ann"), 403);
    }
  }

  @Nested
  class DashboardLogin {

    private String cookie(HttpResponse<Buffer> response, String name) {
      return response.cookies().stream().filter(c -> c.startsWith(name + "=")).findFirst().orElse(null);
    }

    private String token(HttpResponse<Buffer> page) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"X-XSRF-TOKEN\" value=\"([^\"]+)\"")
          .matcher(page.bodyAsString());
      assertThat(m.find()).as(page.bodyAsString()).isTrue();
      return m.group(1);
    }

    private String cookies(HttpResponse<Buffer> response) {
      return String.join("; ", response.cookies().stream().map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length()
          : c.indexOf(';'))).toList());
    }

    private HttpResponse<Buffer> login(String cookies, String csrf, String user, String password) {
      return server.await(server.client.post("/login").putHeader("Cookie", cookies)
          .sendForm(MultiMap.caseInsensitiveMultiMap().add("X-XSRF-TOKEN", csrf).add("username", user)
              .add("password", password).add("return", "/")));
    }

    @Test
    void logsInWithAStrictHttpOnlySessionAndShowsOnlyWhatThePersonMaySee() {
      HttpResponse<Buffer> form = server.get("/login", null);
      assertThat(form.statusCode()).isEqualTo(200);
      assertThat(form.getHeader("Content-Security-Policy")).contains("default-src 'none'");
      String jar = cookies(form);
      HttpResponse<Buffer> wrong = login(jar, token(form), "ann", "wrong");
      assertThat(wrong.statusCode()).isEqualTo(401);
      // The refused post issued a new CSRF token (cookie and form), as a browser would keep.
      HttpResponse<Buffer> in = login(jar.replaceAll("anserv\\.csrf=[^;]*", cookies(wrong)), token(wrong), "ann",
          "ann-pw");
      assertThat(in.statusCode()).isEqualTo(303);
      String session = cookie(in, "anserv.session");
      assertThat(session).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
      String loggedIn = "anserv.session=" + session.substring("anserv.session=".length(), session.indexOf(';'));

      String home = server.await(server.client.get("/").putHeader("Cookie", loggedIn).send()).bodyAsString();
      assertThat(home).contains("ann").contains("Log out").doesNotContain("/modules/counts/views/overview");
      assertThat(server.await(server.client.get("/queries/counts/user").putHeader("Cookie", loggedIn).send())
          .bodyAsString()).isEqualTo("3");
      String staffHome = server.get("/", "ops").bodyAsString();
      assertThat(staffHome).contains("/modules/counts/views/overview");
    }

    @Test
    void refusesALoginPostWithoutTheCsrfToken() {
      HttpResponse<Buffer> form = server.get("/login", null);
      HttpResponse<Buffer> forged = server.await(server.client.post("/login").putHeader("Cookie", cookies(form))
          .sendForm(MultiMap.caseInsensitiveMultiMap().add("username", "ops").add("password", "ops-pw")));
      assertJsonError(forged, 403);
      HttpResponse<Buffer> noCookie = server.await(server.client.post("/logout")
          .sendForm(MultiMap.caseInsensitiveMultiMap().add("X-XSRF-TOKEN", token(form))));
      assertJsonError(noCookie, 403);
    }

    @Test
    void neverRedirectsOffTheServerAfterLogin() {
      HttpResponse<Buffer> form = server.get("/login", null);
      HttpResponse<Buffer> in = server.await(server.client.post("/login").putHeader("Cookie", cookies(form))
          .sendForm(MultiMap.caseInsensitiveMultiMap().add("X-XSRF-TOKEN", token(form)).add("username", "ops")
              .add("password", "ops-pw").add("return", "//evil.example/")));
      assertThat(in.getHeader("Location")).isEqualTo("/");
    }
  }

  @Nested
  class OutputSafety {

    @Test
    void escapesScriptInEventFieldsShownInViews() {
      String script = "<script>alert(1)</script>";
      String evil = new JsonObject().put("username", script).put("event_type", "x").put("event_source", "server")
          .encode();
      for (int i = 0; i < 40; i++) {
        server.post("/events?sync=true", bearer(SecureServer.LMS_SECRET), evil);
      }
      HttpResponse<Buffer> view = server.get("/views/counts/overview", "ops");
      assertThat(view.statusCode()).isEqualTo(200);
      assertThat(view.bodyAsString()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(script);
      assertThat(view.bodyAsString()).contains("Content-Security-Policy");
    }

    @Test
    void answersAWrongBearerForReadsWith401() {
      assertJsonError(server.get("/queries/counts/total", "mallory"), 401);
      assertJsonError(server.await(server.client.get("/queries/counts/total").putHeader("Authorization", "Basic x")
          .send()), 401);
    }
  }
}
