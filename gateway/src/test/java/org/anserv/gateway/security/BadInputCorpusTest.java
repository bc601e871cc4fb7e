package org.anserv.gateway.security;

import static org.anserv.gateway.security.SecureServer.C1;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hundreds of generated bad requests against a live node with security on: every one must be answered with a 4xx
 * and a JSON error (or, for inputs that are odd but valid, anything but a 5xx), the server must keep answering with
 * bounded memory, and valid events sent in between must all be stored.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class BadInputCorpusTest {

  private static final String TOKEN = "Bearer " + SecureServer.LMS_SECRET;

  /** One generated request; {@code mustRefuse} when it is invalid (else it is odd but may be accepted). */
  private record Case(String family, String name, boolean mustRefuse, Function<SecureServer, HttpRequest<Buffer>> request,
      Buffer body) {
  }

  @Test
  void answersEveryBadInputWithAJsonClientErrorAndStoresEveryValidEvent(@TempDir Path dataDir) throws Exception {
    List<Case> corpus = corpus();
    try (SecureServer server = SecureServer.start(dataDir, new JsonObject())) {
      long heapBefore = heapAfterGc();
      Map<String, Integer> byFamily = new TreeMap<>();
      Map<Integer, Integer> byStatus = new TreeMap<>();
      List<String> wrong = new ArrayList<>();
      int validSent = 0;
      for (int i = 0; i < corpus.size(); i++) {
        Case c = corpus.get(i);
        HttpRequest<Buffer> request = c.request().apply(server);
        HttpResponse<Buffer> response = SecureServer.await(c.body() == null ? request.send()
            : request.sendBuffer(c.body()));
        byFamily.merge(c.family(), 1, Integer::sum);
        byStatus.merge(response.statusCode(), 1, Integer::sum);
        String problem = check(c, response);
        if (problem != null) {
          wrong.add(c.family() + "/" + c.name() + ": " + problem);
        }
        if (i % 5 == 0) {
          HttpResponse<Buffer> valid = server.post("/events", SecureServer.bearer(SecureServer.LMS_SECRET),
              SecureServer.event("corpus-valid", C1));
          assertThat(valid.statusCode()).isEqualTo(202);
          validSent++;
        }
      }
      long heapAfter = heapAfterGc();
      long stored = Long.parseLong(server.get("/queries/counts/user?user=corpus-valid", "ops").bodyAsString());
      System.out.printf("Bad-input corpus: %d cases %s; statuses %s; %d refused wrongly or 5xx; %d valid events sent,"
          + " %d stored; heap %d MB before, %d MB after%n", corpus.size(), byFamily, byStatus, wrong.size(), validSent,
          stored, heapBefore >> 20, heapAfter >> 20);
      assertThat(wrong).isEmpty();
      assertThat(corpus.size()).isGreaterThanOrEqualTo(300);
      assertThat(byStatus.keySet()).allMatch(status -> status < 500);
      assertThat(stored).isEqualTo(validSent);
      assertThat(server.get("/health", null).statusCode()).isEqualTo(200);
      assertThat(heapAfter - heapBefore).as("heap growth").isLessThan(128L << 20);
    }
  }

  private static String check(Case c, HttpResponse<Buffer> response) {
    int status = response.statusCode();
    if (response.bodyAsString() != null && response.bodyAsString().contains("root:x:0:0")) {
      return "served a server file";
    }
    if (status >= 500) {
      return "answered " + status + " " + response.bodyAsString();
    }
    if (c.mustRefuse() && (status < 400 || status >= 500)) {
      return "accepted (" + status + ") " + response.bodyAsString();
    }
    if (status >= 400) {
      try {
        JsonObject body = response.bodyAsJsonObject();
        if (body.getInteger("status") != status || body.getString("message", "").isBlank()) {
          return "error body without status and message: " + response.bodyAsString();
        }
      } catch (RuntimeException e) {
        return "error body is not JSON: " + response.bodyAsString();
      }
    }
    return null;
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static List<Case> corpus() throws Exception {
    List<Case> cases = new ArrayList<>();
    String valid = SecureServer.event("corpus", C1);
    for (int cut = 1; cut < valid.length(); cut += Math.max(1, valid.length() / 60)) {
      cases.add(post("malformed-json", "prefix " + cut, true, "application/json", valid.substring(0, cut)));
    }
    for (String text : List.of("{", "}", "[", "]", "{\"a\":}", "{'a':1}", "{\"a\":1,}", "nul", "tru", "\"x\"", "42",
        "[1,2,3]", "[[]]", "{\"a\":1}{", "\u0000", "{\"a\":\"\\uZZZZ\"}", "{\"a\":NaN}", "{\"a\":01}", "{a:1}",
        "{\"a\":1}}")) {
      cases.add(post("malformed-json", text, true, "application/json", text));
      cases.add(post("malformed-ndjson", text, true, "application/x-ndjson", text));
    }
    for (int depth : new int[] {10, 100, 999, 1_001, 5_000, 50_000}) {
      cases.add(post("deep-nesting", "array " + depth, true, "application/json", "[".repeat(depth) + "]".repeat(depth)));
      cases.add(post("deep-nesting", "object " + depth, depth > 1_000, "application/json",
          "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)));
    }
    for (String number : List.of("1e999999", "-1e999999", "9".repeat(5_000), "1" + "0".repeat(400) + ".5",
        "0." + "0".repeat(5_000) + "1", "123456789012345678901234567890")) {
      cases.add(post("huge-number", "bare " + number.length(), true, "application/json", number));
      cases.add(post("huge-number", "field " + number.length(), false, "application/json",
          "{\"username\":\"corpus\",\"event_type\":\"n\",\"n\":" + number + "}"));
    }
    for (byte[] bad : List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xED,
        (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
        new byte[] {(byte) 0xE2, (byte) 0x82})) {
      Buffer body = Buffer.buffer("{\"username\":\"").appendBytes(bad).appendString("\"}");
      cases.add(new Case("invalid-utf8", "json " + bad.length, false, s -> s.client.post("/events")
          .putHeader("Authorization", TOKEN).putHeader("Content-Type", "application/json"), body));
      cases.add(new Case("invalid-utf8", "bare " + bad.length, true, s -> s.client.post("/events")
          .putHeader("Authorization", TOKEN).putHeader("Content-Type", "application/json"), Buffer.buffer(bad)));
    }
    for (int kb : new int[] {17, 64, 255}) {
      String big = "{\"username\":\"corpus\",\"event_type\":\"big\",\"x\":\"" + "a".repeat(kb * 1024) + "\"}";
      cases.add(post("enormous-string", "event " + kb + " KiB", true, "application/json", big));
    }
    cases.add(post("enormous-string", "body 300 KiB", true, "application/x-ndjson", "x".repeat(300 * 1024)));
    cases.add(post("enormous-string", "many events, the last cut", false, "application/x-ndjson",
        (SecureServer.event("many", C1) + "\n").repeat(11_000).substring(0, 250_000)));
    for (String type : List.of("image/png", "text/html", "application/xml", "application/octet-stream",
        "multipart/mixed", "application/json-patch+json", "text/csv", "x/y", "application/json/extra",
        ";;;", "application/x-www-form-urlencoded")) {
      cases.add(post("content-type", type, true, type, "<a>not an event</a>"));
    }
    cases.add(new Case("content-type", "none", true, s -> s.client.post("/events").putHeader("Authorization", TOKEN),
        Buffer.buffer(valid)));
    byte[] gzip = gzip(valid);
    for (int cut : new int[] {3, 10, gzip.length / 2, gzip.length - 4}) {
      cases.add(new Case("truncated-gzip", "cut " + cut, true, s -> s.client.post("/events")
          .putHeader("Authorization", TOKEN).putHeader("Content-Type", "application/json")
          .putHeader("Content-Encoding", "gzip"), Buffer.buffer(java.util.Arrays.copyOf(gzip, cut))));
    }
    headerAbuse(cases, valid);
    pathTraversal(cases);
    for (String script : List.of("<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "{{x}}",
        "javascript:alert(1)", "</textarea><script>", "${7*7}", "<svg onload=alert(1)>")) {
      cases.add(post("script-injection", script, false, "application/json",
          new JsonObject().put("username", script).put("event_type", script).put("seq", script.hashCode()).encode()));
    }
    return cases;
  }

  private static void headerAbuse(List<Case> cases, String valid) {
    List<Map.Entry<String, String>> headers = List.of(Map.entry("Authorization", "Bearer"),
        Map.entry("Authorization", "Bearer "), Map.entry("Authorization", "Basic"), Map.entry("Authorization",
            "Basic " + java.util.Base64.getEncoder().encodeToString("lms".getBytes())),
        Map.entry("Authorization", "Digest x"), Map.entry("Authorization", "Bearer " + "x".repeat(4_000)),
        Map.entry("Authorization", "bearer\t" + SecureServer.LMS_SECRET + "x"),
        Map.entry(ProducerAuth.SIGNATURE_HEADER, "producer=lms"), Map.entry(ProducerAuth.SIGNATURE_HEADER,
            "producer=lms,t=-1,v1=" + "0".repeat(64)), Map.entry(ProducerAuth.SIGNATURE_HEADER,
            "producer=lms,t=99999999999999999999,v1=" + "0".repeat(64)), Map.entry(ProducerAuth.SIGNATURE_HEADER,
            "producer=nobody,t=1,v1=" + "0".repeat(64)), Map.entry(ProducerAuth.SIGNATURE_HEADER, ",,,="),
        Map.entry(ProducerAuth.SIGNATURE_HEADER, "producer=lms,t=1,v1=" + "0".repeat(64) + ",x=1"));
    for (Map.Entry<String, String> header : headers) {
      cases.add(new Case("header-abuse", header.getKey() + ": " + header.getValue().substring(0,
          Math.min(30, header.getValue().length())), true, s -> s.client.post("/events")
          .putHeader(header.getKey(), header.getValue()).putHeader("Content-Type", "application/json"),
          Buffer.buffer(valid)));
    }
    cases.add(new Case("header-abuse", "two Authorization headers", true, s -> {
      HttpRequest<Buffer> request = s.client.post("/events").putHeader("Content-Type", "application/json");
      request.headers().add("Authorization", TOKEN).add("Authorization", TOKEN);
      return request;
    }, Buffer.buffer(valid)));
    cases.add(new Case("header-abuse", "two content types", true, s -> {
      HttpRequest<Buffer> request = s.client.post("/events").putHeader("Authorization", TOKEN);
      request.headers().add("Content-Type", "application/json").add("Content-Type", "image/png");
      return request;
    }, Buffer.buffer("<x>")));
    for (String sync : List.of("maybe", "", "true\u0000", "1".repeat(1000))) {
      cases.add(new Case("header-abuse", "Anserv-Sync " + sync.length(), true, s -> s.client.post("/events")
          .putHeader("Authorization", TOKEN).putHeader("Content-Type", "application/json")
          .putHeader("Anserv-Sync", sync.replace('\u0000', '0')), Buffer.buffer("{")));
    }
    for (String user : List.of("ops", "prof", "ann")) {
      cases.add(new Case("header-abuse", "user token for intake " + user, true, s -> s.client.post("/events")
          .putHeader("Authorization", "Bearer " + user + "-token").putHeader("Content-Type", "application/json"),
          Buffer.buffer(valid)));
      cases.add(new Case("header-abuse", "producer secret for reads " + user, true, s -> s.client
          .get("/queries/counts/total").putHeader("Authorization", TOKEN + "-" + user), null));
    }
  }

  private static void pathTraversal(List<Case> cases) {
    List<String> names = List.of("..", "../..", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "%2e%2e%2f%2e%2e", "....//",
        "..\\..\\windows", "%00", "a%00b", "%252e%252e", "con", "%c0%ae%c0%ae", "x".repeat(2_000), "%ff%fe",
        "..;", "~root", "%2F", "etc%2Fpasswd", ".hidden", "*", "$(id)", "%3Cscript%3E");
    for (String name : names) {
      // Dot segments are resolved before routing, so some land on other real pages: never on a server file.
      for (String base : List.of("/views/counts/", "/views/", "/queries/counts/", "/files/counts/", "/files/",
          "/views/counts/overview/result/")) {
        cases.add(new Case("path-traversal", base + name, !name.contains("..") && !name.contains("%2e"), s -> s.client.get(base + name)
            .putHeader("Authorization", "Bearer ops-token").putHeader("Accept", "application/json"), null));
      }
    }
  }

  private static Case post(String family, String name, boolean mustRefuse, String type, String body) {
    return new Case(family, name.length() > 40 ? name.substring(0, 40) : name, mustRefuse,
        s -> s.client.post("/events").putHeader("Authorization", TOKEN).putHeader("Content-Type", type),
        Buffer.buffer(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] gzip(String text) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }
}
