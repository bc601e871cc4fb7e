package org.anserv.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A secret stored one-way: {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (salt and hash in base64), PBKDF2 with
 * HMAC-SHA256. Checking costs as much as hashing, on purpose; callers cache what they verified.
 *
 * @param iterations how many PBKDF2 rounds
 * @param salt the random salt
 * @param hash the derived key
 */
public record SecretHash(int iterations, byte[] salt, byte[] hash) {

  /** The prefix of every stored hash. */
  public static final String SCHEME = "pbkdf2-sha256";
  /**
   * Rounds used by {@link #of(String)}. Stretching protects guessable passwords; random 256-bit tokens need none, so
   * {@code anserv hash-secret --iterations} may lower it for them (OWASP advises 600,000 for passwords).
   */
  public static final int DEFAULT_ITERATIONS = 210_000;

  private static final SecureRandom RANDOM = new SecureRandom();

  /** {@code secret} hashed with a fresh salt and the default rounds. */
  public static SecretHash of(String secret) {
    return of(secret, DEFAULT_ITERATIONS);
  }

  /** {@code secret} hashed with a fresh salt and {@code iterations} rounds. */
  public static SecretHash of(String secret, int iterations) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return new SecretHash(iterations, salt, derive(secret, salt, iterations));
  }

  /**
   * The hash written as {@code text}.
   *
   * @throws IllegalArgumentException saying what the expected form is
   */
  public static SecretHash parse(String text) {
    String[] parts = text == null ? new String[0] : text.split("\\$");
    try {
      if (parts.length == 4 && parts[0].equals(SCHEME)) {
        int iterations = Integer.parseInt(parts[1]);
        if (iterations >= 1_000) {
          return new SecretHash(iterations, Base64.getDecoder().decode(parts[2]),
              Base64.getDecoder().decode(parts[3]));
        }
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new IllegalArgumentException("not a secret hash: expected " + SCHEME + "$<iterations of at least"
        + " 1000>$<salt>$<hash>, as printed by 'anserv hash-secret'");
  }

  /** Whether {@code secret} is the one hashed; constant time in the secret's content. */
  public boolean matches(String secret) {
    return MessageDigest.isEqual(hash, derive(secret, salt, iterations));
  }

  /** The stored form. */
  public String encoded() {
    return SCHEME + "$" + iterations + "$" + Base64.getEncoder().encodeToString(salt) + "$"
        + Base64.getEncoder().encodeToString(hash);
  }

  /** A random secret for a producer or token: 32 bytes, base64url without padding. */
  public static String randomSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] derive(String secret, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, 256);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this JVM", e);
    }
  }

  /** SHA-256 of {@code text}, hex: the key under which verified secrets are remembered. */
  static String digest(String text) {
    try {
      return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
