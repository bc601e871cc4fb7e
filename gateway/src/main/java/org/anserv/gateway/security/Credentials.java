package org.anserv.gateway.security;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.anserv.runtime.access.Role;

/**
 * The credentials file: who may send events (producers) and who may read views and queries (users). Secrets,
 * passwords and tokens are stored as {@link SecretHash}es; several may be listed per entry, so a new one is added,
 * producers move to it, and the old one is removed, with no restart. HMAC signing keys are the exception: a
 * signature can only be checked with the key itself, so they are stored as given (base64), and the file must be
 * readable by the server only.
 *
 * <pre>{@code
 * {"producers": {"lms": {"secrets": ["pbkdf2-sha256$..."], "hmacKeys": ["base64..."], "rate": 2000}},
 *  "users": {"ops": {"role": "staff", "password": "pbkdf2-sha256$...", "tokens": ["pbkdf2-sha256$..."]},
 *            "prof": {"role": "instructor", "courses": ["course-v1:Org+C1+2024"], "password": "..."}}}
 * }</pre>
 *
 * @param producers by name
 * @param users by name
 */
public record Credentials(Map<String, Producer> producers, Map<String, User> users) {

  /** No one: every credential is refused. */
  public static final Credentials NONE = new Credentials(Map.of(), Map.of());

  /**
   * One event producer.
   *
   * @param name its name (the Basic user name, the {@code producer} of a signature)
   * @param secrets hashes of its bearer/Basic/query secrets
   * @param hmacKeys its signing keys
   * @param rate requests per second it may send; 0 for the default
   */
  public record Producer(String name, List<SecretHash> secrets, List<byte[]> hmacKeys, int rate) {
  }

  /**
   * One person or service client reading views and queries.
   *
   * @param name the username (a student's must be their platform username)
   * @param role what they may see
   * @param courses the courses an instructor is granted
   * @param password the hash of their dashboard password, or {@code null} (token only)
   * @param tokens hashes of their bearer tokens
   * @param rate requests per second; 0 for the default
   */
  public record User(String name, Role role, Set<String> courses, SecretHash password, List<SecretHash> tokens,
      int rate) {
  }

  /** The producer called {@code name}. */
  public Optional<Producer> producer(String name) {
    return Optional.ofNullable(producers.get(name));
  }

  /** The user called {@code name}. */
  public Optional<User> user(String name) {
    return Optional.ofNullable(users.get(name));
  }

  /**
   * Reads {@code json}.
   *
   * @throws IllegalArgumentException listing every entry that is wrong and why
   */
  public static Credentials parse(JsonObject json) {
    List<String> problems = new ArrayList<>();
    Map<String, Producer> producers = new LinkedHashMap<>();
    Map<String, User> users = new LinkedHashMap<>();
    json.getJsonObject("producers", new JsonObject()).forEach(entry -> {
      String where = "producer '" + entry.getKey() + "'";
      JsonObject p = entry.getValue() instanceof JsonObject o ? o : new JsonObject();
      producers.put(entry.getKey(), new Producer(entry.getKey(), hashes(p.getJsonArray("secrets"), where, problems),
          keys(p.getJsonArray("hmacKeys"), where, problems), p.getInteger("rate", 0)));
    });
    json.getJsonObject("users", new JsonObject()).forEach(entry -> {
      String where = "user '" + entry.getKey() + "'";
      JsonObject u = entry.getValue() instanceof JsonObject o ? o : new JsonObject();
      try {
        Set<String> courses = new TreeSet<>();
        u.getJsonArray("courses", new JsonArray()).forEach(c -> courses.add(String.valueOf(c)));
        String password = u.getString("password");
        users.put(entry.getKey(), new User(entry.getKey(), Role.of(u.getString("role")), courses,
            password == null ? null : SecretHash.parse(password), hashes(u.getJsonArray("tokens"), where, problems),
            u.getInteger("rate", 0)));
      } catch (IllegalArgumentException | ClassCastException e) {
        problems.add(where + ": " + e.getMessage());
      }
    });
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new Credentials(Map.copyOf(producers), Map.copyOf(users));
  }

  private static List<SecretHash> hashes(JsonArray texts, String where, List<String> problems) {
    List<SecretHash> hashes = new ArrayList<>();
    for (Object text : texts == null ? new JsonArray() : texts) {
      try {
        hashes.add(SecretHash.parse(String.valueOf(text)));
      } catch (IllegalArgumentException e) {
        problems.add(where + ": " + e.getMessage());
      }
    }
    return List.copyOf(hashes);
  }

  private static List<byte[]> keys(JsonArray texts, String where, List<String> problems) {
    List<byte[]> keys = new ArrayList<>();
    for (Object text : texts == null ? new JsonArray() : texts) {
      try {
        byte[] key = Base64.getDecoder().decode(String.valueOf(text));
        if (key.length < 16) {
          problems.add(where + ": an HMAC key must be at least 16 bytes (anserv hash-secret --hmac makes one)");
        }
        keys.add(key);
      } catch (IllegalArgumentException e) {
        problems.add(where + ": an HMAC key must be base64");
      }
    }
    return List.copyOf(keys);
  }
}
