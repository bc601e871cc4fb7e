package org.anserv.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The xAPI and Caliper intake routes take the credentials real producers send: HTTP Basic (event-routing-backends,
 * Vector) and Bearer tokens; a wrong password is refused with 401, and xAPI answers carry the xAPI version header
 * even then.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProducerIntakeRoutesTest {

  private SecureServer node;

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    node = SecureServer.start(dataDir, new JsonObject());
  }

  @AfterAll
  void stop() {
    node.close();
  }

  private static String basic(String name, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((name + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  private static JsonObject statement() {
    return new JsonObject().put("id", UUID.randomUUID().toString())
        .put("actor", new JsonObject().put("objectType", "Agent").put("account",
            new JsonObject().put("homePage", "http://lms").put("name", "32e08e30-f8ae-4ce2-94a8-c2bfe38a70cb")))
        .put("verb", new JsonObject().put("id", "https://w3id.org/xapi/video/verbs/played"))
        .put("object", new JsonObject().put("objectType", "Activity")
            .put("id", "http://lms/xblock/block-v1:Org+C1+2024+type@video+block@intro"))
        .put("timestamp", "2024-03-01T10:00:00.000000+00:00").put("version", "1.0.3");
  }

  private HttpResponse<Buffer> postStatements(String authorization, JsonArray statements) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json")
        .add("X-Experience-API-Version", "1.0.3");
    if (authorization != null) {
      headers.add("Authorization", authorization);
    }
    return SecureServer.await(node.client.post("/xAPI/statements").putHeaders(headers)
        .sendBuffer(statements.toBuffer()));
  }

  @Test
  void xapiStatementsAreAcceptedWithBasicOrBearerAndRefusedWithAWrongPassword() {
    JsonObject viaBasic = statement();
    HttpResponse<Buffer> basic = postStatements(basic("lms", SecureServer.LMS_SECRET), new JsonArray().add(viaBasic));
    assertThat(basic.statusCode()).as(basic.bodyAsString()).isEqualTo(200);
    assertThat(basic.bodyAsJsonArray()).containsExactly(viaBasic.getString("id"));

    HttpResponse<Buffer> bearer = postStatements("Bearer " + SecureServer.VECTOR_SECRET,
        new JsonArray().add(statement()));
    assertThat(bearer.statusCode()).as(bearer.bodyAsString()).isEqualTo(200);

    HttpResponse<Buffer> wrong = postStatements(basic("lms", "not-the-secret"), new JsonArray().add(statement()));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.getHeader("X-Experience-API-Version")).isEqualTo("1.0.3");
    assertThat(wrong.bodyAsJsonObject().getString("message")).contains("lms");

    assertThat(postStatements(null, new JsonArray().add(statement())).statusCode()).isEqualTo(401);
    assertThat(SecureServer.await(node.client.get("/xAPI/about").send()).statusCode())
        .as("the about resource is public, as an LRS's is").isEqualTo(200);
  }

  @Test
  void caliperEnvelopesNeedAProducerCredentialToo() {
    JsonObject envelope = new JsonObject().put("sensor", "http://lms").put("sendTime", "2024-03-01T10:00:00.000Z")
        .put("dataVersion", "http://purl.imsglobal.org/ctx/caliper/v1p2")
        .put("data", new JsonArray().add(new JsonObject().put("id", "urn:uuid:" + UUID.randomUUID())
            .put("type", "ViewEvent").put("action", "Viewed").put("eventTime", "2024-03-01T10:00:00.000Z")));
    MultiMap json = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");

    HttpResponse<Buffer> anonymous = SecureServer.await(node.client.post("/caliper").putHeaders(json)
        .sendBuffer(envelope.toBuffer()));
    HttpResponse<Buffer> basic = SecureServer.await(node.client.post("/caliper").putHeaders(json)
        .putHeader("Authorization", basic("vector", SecureServer.VECTOR_SECRET)).sendBuffer(envelope.toBuffer()));

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(basic.statusCode()).as(basic.bodyAsString()).isEqualTo(200);
  }
}
