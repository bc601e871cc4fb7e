package org.anserv.gateway.security;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credentials in force, read from the credentials file and read again whenever it changes (checked every two
 * seconds) or {@link #reload()} is called: rotation needs no restart. One store serves every gateway instance.
 *
 * <p>Checking a hashed secret is slow by design, so it runs off the event loop, at most a few at a time, and what
 * was checked is remembered (under a SHA-256 of the secret) until the file changes: a producer's secret costs one
 * PBKDF2 per server run, and a flood of wrong guesses is answered from memory or refused as busy.
 */
public final class CredentialStore {

  private static final Logger LOG = LoggerFactory.getLogger("anserv.security");
  private static final long CHECK_EVERY_MS = 2_000;
  private static final int MAX_REMEMBERED = 10_000;
  private static final int MAX_PENDING_CHECKS = 4;

  private final Vertx vertx;
  private final Path file;
  private final Map<String, String> checked = new ConcurrentHashMap<>();
  private final Map<String, Long> signaturesSeen = new ConcurrentHashMap<>();
  private final AtomicInteger pending = new AtomicInteger();
  private volatile Credentials current = Credentials.NONE;
  private volatile String version = "";

  private CredentialStore(Vertx vertx, Path file) {
    this.vertx = vertx;
    this.file = file;
  }

  /**
   * The credentials of {@code file}, watched for changes; a missing file means no credentials yet.
   *
   * @throws IllegalArgumentException when the file exists but is not valid
   */
  public static CredentialStore open(Vertx vertx, Path file) {
    CredentialStore store = new CredentialStore(vertx, file);
    store.read(true);
    vertx.setPeriodic(CHECK_EVERY_MS, id -> vertx.executeBlocking(() -> store.read(false), false));
    return store;
  }

  /** The file read. */
  public Path file() {
    return file;
  }

  /** The credentials in force. */
  public Credentials current() {
    return current;
  }

  /** Reads the file again now; fails, keeping the credentials in force, when it is not valid. */
  public Future<Credentials> reload() {
    return vertx.executeBlocking(() -> {
      version = "";
      read(true);
      return current;
    }, false);
  }

  /** The producer whose secret (bearer or query token) is {@code secret}, if any. */
  public Future<Optional<String>> producerWithSecret(String secret) {
    return remembered("producer:" + secret, () -> current.producers().values().stream()
        .filter(p -> p.secrets().stream().anyMatch(h -> h.matches(secret))).map(Credentials.Producer::name)
        .findFirst().orElse(""));
  }

  /** Whether producer {@code name} has secret {@code secret} (HTTP Basic). */
  public Future<Boolean> producerHasSecret(String name, String secret) {
    return remembered("basic:" + name + ":" + secret, () -> current.producer(name)
        .filter(p -> p.secrets().stream().anyMatch(h -> h.matches(secret))).map(p -> name).orElse(""))
        .map(found -> found.isPresent());
  }

  /** The user whose bearer token is {@code token}, if any. */
  public Future<Optional<Credentials.User>> userWithToken(String token) {
    return remembered("token:" + token, () -> current.users().values().stream()
        .filter(u -> u.tokens().stream().anyMatch(h -> h.matches(token))).map(Credentials.User::name)
        .findFirst().orElse("")).map(name -> name.flatMap(current::user));
  }

  /** The user {@code name} when {@code password} is theirs. Passwords are checked every time, never remembered. */
  public Future<Optional<Credentials.User>> login(String name, String password) {
    return limited(() -> current.user(name).filter(u -> u.password() != null && u.password().matches(password)));
  }

  /**
   * Records a signature as used; {@code false} when it was used before (a replay). Signatures are forgotten after
   * {@code expiresAtMillis}, when their timestamp is too old to be accepted anyway.
   */
  public boolean firstUse(String signature, long expiresAtMillis) {
    long now = System.currentTimeMillis();
    if (signaturesSeen.size() > MAX_REMEMBERED) {
      signaturesSeen.values().removeIf(expiry -> expiry < now);
    }
    return signaturesSeen.putIfAbsent(signature, expiresAtMillis) == null;
  }

  // Answers from memory, else checks off the event loop and remembers the outcome ("" for refused).
  private Future<Optional<String>> remembered(String key, Callable<String> check) {
    String digest = SecretHash.digest(key);
    String known = checked.get(digest);
    if (known != null) {
      return Future.succeededFuture(known.isEmpty() ? Optional.empty() : Optional.of(known));
    }
    String seenVersion = version;
    return limited(() -> {
      String name = check.call();
      if (seenVersion.equals(version)) {
        if (checked.size() >= MAX_REMEMBERED) {
          checked.clear();
        }
        checked.put(digest, name);
      }
      return name.isEmpty() ? Optional.<String>empty() : Optional.of(name);
    });
  }

  private <T> Future<T> limited(Callable<T> check) {
    if (pending.incrementAndGet() > MAX_PENDING_CHECKS) {
      pending.decrementAndGet();
      return Future.failedFuture(new BusyException());
    }
    return vertx.executeBlocking(check, false).onComplete(done -> pending.decrementAndGet());
  }

  /** Too many credentials are being checked at once; the caller should try again shortly. */
  public static final class BusyException extends RuntimeException {
    BusyException() {
      super("Too many credentials are being checked at once: try again in a second.", null, false, false);
    }
  }

  // Strict reads (at start, on reload) fail on a broken file; the periodic check logs it and keeps the old ones.
  private synchronized Void read(boolean strict) {
    try {
      String seen = Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file) : "none";
      if (seen.equals(version)) {
        return null;
      }
      version = seen;
      Credentials read = Files.exists(file)
          ? Credentials.parse(new JsonObject(Files.readString(file))) : Credentials.NONE;
      current = read;
      checked.clear();
      LOG.atInfo().addKeyValue("producers", read.producers().size()).addKeyValue("users", read.users().size())
          .log("Credentials {}: {} producers, {} users", Files.exists(file) ? "read from " + file
              : "file " + file + " does not exist: no one", read.producers().size(), read.users().size());
    } catch (java.io.IOException | IllegalArgumentException | DecodeException e) {
      String message = "The credentials file " + file + " is not valid: " + e.getMessage();
      if (strict) {
        throw new IllegalArgumentException(message, e);
      }
      LOG.error("{}. The previous credentials stay in force.", message);
    }
    return null;
  }
}
