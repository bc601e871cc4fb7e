package org.anserv.gateway.security;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.Base64;

/**
 * {@code anserv hash-secret [--iterations N] [--hmac] [SECRET]}: prints a secret (a new random one unless given) and
 * its hash for the credentials file; with {@code --hmac}, also a new signing key for HMAC signatures.
 */
public final class SecretCommand {

  private SecretCommand() {
  }

  /** Runs the command; returns the process exit status. */
  public static int run(String[] args, PrintStream out) {
    int iterations = SecretHash.DEFAULT_ITERATIONS;
    boolean hmac = false;
    String secret = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--iterations" -> {
          if (i + 1 >= args.length || !args[i + 1].matches("[0-9]{4,9}")) {
            out.println("--iterations needs a whole number of at least 1000");
            return 2;
          }
          iterations = Integer.parseInt(args[++i]);
        }
        case "--hmac" -> hmac = true;
        default -> secret = args[i];
      }
    }
    boolean generated = secret == null;
    String value = generated ? SecretHash.randomSecret() : secret;
    JsonObject entry = new JsonObject().put("secrets", new JsonArray().add(SecretHash.of(value, iterations).encoded()));
    if (generated) {
      out.println("secret (give it to the producer or user; it is not stored): " + value);
    }
    if (hmac) {
      byte[] key = new byte[32];
      new java.security.SecureRandom().nextBytes(key);
      String encoded = Base64.getEncoder().encodeToString(key);
      entry.put("hmacKeys", new JsonArray().add(encoded));
      out.println("signing key (for Anserv-Signature; stored as is, keep the file private): " + encoded);
    }
    out.println("hash: " + SecretHash.of(value, iterations).encoded());
    out.println("credentials entry (a user takes the hash under \"password\" or \"tokens\"): " + entry.encode());
    return 0;
  }
}
