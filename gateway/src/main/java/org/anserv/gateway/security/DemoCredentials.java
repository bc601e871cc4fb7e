package org.anserv.gateway.security;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The credentials of a {@code --demo} run, made afresh at every start when no credentials file exists: a producer
 * for the demo's own event poster, and logins for an operator, an instructor of the first demo course and one demo
 * student, whose passwords are printed on the console.
 *
 * @param file where they were written (the server watches it like any credentials file)
 * @param producerSecret the demo poster's secret
 * @param operatorPassword the password of {@code operator} (staff)
 * @param instructorPassword the password of {@code instructor}
 * @param student the demo student's username
 * @param studentPassword their password
 */
public record DemoCredentials(Path file, String producerSecret, String operatorPassword, String instructorPassword,
    String student, String studentPassword) {

  /** The demo producer's name. */
  public static final String PRODUCER = "demo-poster";
  // Random secrets need no stretching; a few rounds keep the demo's start quick.
  private static final int ITERATIONS = 10_000;

  /** Writes new demo credentials to {@code file}, the instructor granted {@code courses}. */
  public static DemoCredentials write(Path file, List<String> courses, String student) throws IOException {
    DemoCredentials demo = new DemoCredentials(file, SecretHash.randomSecret(), SecretHash.randomSecret(),
        SecretHash.randomSecret(), student, SecretHash.randomSecret());
    JsonObject json = new JsonObject()
        .put("producers", new JsonObject().put(PRODUCER, new JsonObject().put("secrets", hashes(demo.producerSecret))))
        .put("users", new JsonObject()
            .put("operator", new JsonObject().put("role", "staff").put("password", hash(demo.operatorPassword)))
            .put("instructor", new JsonObject().put("role", "instructor").put("courses", new JsonArray(courses))
                .put("password", hash(demo.instructorPassword)))
            .put(student, new JsonObject().put("role", "student").put("password", hash(demo.studentPassword))));
    Files.createDirectories(file.getParent());
    Files.writeString(file, json.encodePrettily());
    return demo;
  }

  /** The Authorization header the demo poster sends. */
  public String authorization() {
    return "Bearer " + producerSecret;
  }

  private static String hash(String secret) {
    return SecretHash.of(secret, ITERATIONS).encoded();
  }

  private static JsonArray hashes(String secret) {
    return new JsonArray().add(hash(secret));
  }
}
