package org.anserv.gateway.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.anserv.gateway.http.ApiError;

/**
 * Admits a request to an intake route only with a producer's credential; mount it after the route's
 * {@code BodyHandler} (signatures cover the body) and before the intake handler:
 * {@code router.post("/events").handler(BodyHandler.create()).handler(producerAuth).handler(intake::post)}.
 * Accepted, in order of preference:
 * <ul>
 *   <li>{@code Anserv-Signature: producer=NAME,t=UNIX_SECONDS,v1=HEX}: HMAC-SHA256 with one of the producer's
 *       signing keys over {@code t + "." + body}; refused when altered, older or newer than the tolerance, or seen
 *       before (a replay);</li>
 *   <li>{@code Authorization: Bearer SECRET};</li>
 *   <li>{@code Authorization: Basic} with the producer's name as user and its secret as password (what Python's
 *       {@code logging.handlers.HTTPHandler(credentials=...)}, Open edX event-routing-backends and Vector send);</li>
 *   <li>{@code ?token=SECRET}, for loggers that cannot set headers: weaker, since addresses end up in logs.</li>
 * </ul>
 * Anything else is answered {@code 401} with a JSON error and counted in
 * {@code anserv_intake_auth_failures_total{reason}}; a producer over its rate gets {@code 429} with
 * {@code Retry-After}. The producer's name is left in the context under {@link #PRODUCER}.
 */
public final class ProducerAuth implements Handler<RoutingContext> {

  /** The context key holding the authenticated producer's name. */
  public static final String PRODUCER = "anserv.producer";
  /** The header carrying a body signature. */
  public static final String SIGNATURE_HEADER = "Anserv-Signature";

  private final CredentialStore store;
  private final SecuritySettings settings;
  private final RateLimiter limiter;
  private final MeterRegistry meters;

  public ProducerAuth(CredentialStore store, SecuritySettings settings, RateLimiter limiter, MeterRegistry meters) {
    this.store = store;
    this.settings = settings;
    this.limiter = limiter;
    this.meters = meters;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!settings.enabled()) {
      ctx.put(PRODUCER, "development");
      ctx.next();
      return;
    }
    List<String> authorization = ctx.request().headers().getAll("Authorization");
    List<String> signature = ctx.request().headers().getAll(SIGNATURE_HEADER);
    List<String> token = settings.queryTokens() ? ctx.queryParams().getAll("token") : List.of();
    if (authorization.size() + signature.size() + token.size() > 1) {
      refuse(ctx, "malformed", "The request carries " + (authorization.size() + signature.size() + token.size())
          + " credentials: send exactly one (a signature, an Authorization header, or ?token=).");
    } else if (!signature.isEmpty()) {
      signed(ctx, signature.getFirst());
    } else if (!authorization.isEmpty()) {
      authorized(ctx, authorization.getFirst());
    } else if (!token.isEmpty()) {
      bySecret(ctx, token.getFirst());
    } else {
      refuse(ctx, "missing", "Events need a producer credential: Authorization: Bearer SECRET, HTTP Basic with"
          + " the producer's name and secret, an Anserv-Signature header, or ?token=SECRET. The README's Security"
          + " section says how to create one.");
    }
  }

  private void authorized(RoutingContext ctx, String header) {
    String value = header.strip();
    int space = value.indexOf(' ');
    String scheme = space < 0 ? value : value.substring(0, space);
    String credential = space < 0 ? "" : value.substring(space + 1).strip();
    if (scheme.equalsIgnoreCase("Bearer") && !credential.isEmpty()) {
      bySecret(ctx, credential);
    } else if (scheme.equalsIgnoreCase("Basic") && !credential.isEmpty()) {
      basic(ctx, credential);
    } else {
      refuse(ctx, "malformed", "The Authorization header is neither 'Bearer SECRET' nor 'Basic BASE64(name:secret)'.");
    }
  }

  private void bySecret(RoutingContext ctx, String secret) {
    decide(ctx, store.producerWithSecret(secret), "No producer has this secret: check it, or whether it was"
        + " rotated out of the credentials file.");
  }

  private void basic(RoutingContext ctx, String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      refuse(ctx, "malformed", "The Basic credentials are not base64 of name:secret.");
      return;
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      refuse(ctx, "malformed", "The Basic credentials are not name:secret.");
      return;
    }
    String name = decoded.substring(0, colon);
    decide(ctx, store.producerHasSecret(name, decoded.substring(colon + 1))
        .map(ok -> ok ? Optional.of(name) : Optional.<String>empty()), "Producer '" + name + "' does not exist or"
        + " this is not its secret.");
  }

  private void decide(RoutingContext ctx, Future<Optional<String>> producer, String refusal) {
    producer.onSuccess(name -> {
      if (name.isPresent()) {
        admit(ctx, name.get());
      } else {
        refuse(ctx, "unknown", refusal);
      }
    }).onFailure(cause -> busy(ctx, cause));
  }

  private void signed(RoutingContext ctx, String header) {
    Signature signature = Signature.parse(header);
    if (signature == null) {
      refuse(ctx, "malformed", SIGNATURE_HEADER + " must read producer=NAME,t=UNIX_SECONDS,v1=HEX_HMAC_SHA256 of"
          + " t + \".\" + body.");
      return;
    }
    Optional<Credentials.Producer> producer = store.current().producer(signature.producer());
    Buffer body = ctx.body() == null || ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
    if (producer.isEmpty() || producer.get().hmacKeys().stream().noneMatch(key -> signature.matches(key, body))) {
      refuse(ctx, "bad_signature", "The signature does not match the body for producer '" + signature.producer()
          + "': the body was altered, the key is wrong, or the producer has no signing key.");
      return;
    }
    long now = System.currentTimeMillis() / 1000;
    if (Math.abs(now - signature.seconds()) > settings.signatureToleranceSeconds()) {
      refuse(ctx, "expired", "The signature's time t=" + signature.seconds() + " is more than "
          + settings.signatureToleranceSeconds() + " s from the server's (" + now + "): sign each request when sent,"
          + " with a synchronised clock.");
      return;
    }
    if (!store.firstUse(signature.producer() + "/" + signature.hex(),
        (signature.seconds() + settings.signatureToleranceSeconds() + 1) * 1000)) {
      refuse(ctx, "replayed", "This signed request was already received: a replay is refused. Sign every request"
          + " afresh, with the current time.");
      return;
    }
    admit(ctx, signature.producer());
  }

  private void admit(RoutingContext ctx, String producer) {
    int rate = store.current().producer(producer).map(Credentials.Producer::rate).filter(r -> r > 0)
        .orElse(settings.producerRate());
    long wait = limiter.take("producer:" + producer, rate);
    if (wait > 0) {
      meters.counter("anserv.rate.limited", "surface", "intake").increment();
      ctx.response().putHeader("Retry-After", String.valueOf(RateLimiter.retryAfterSeconds(wait)));
      ApiError.send(ctx, 429, "Producer '" + producer + "' sent more than " + rate + " requests per second: batch"
          + " events (up to intake.max.events per request) or ask for a higher rate in the credentials file.");
      return;
    }
    ctx.put(PRODUCER, producer);
    ctx.next();
  }

  private void busy(RoutingContext ctx, Throwable cause) {
    meters.counter("anserv.intake.auth.failures", "reason", "busy").increment();
    ctx.response().putHeader("Retry-After", "1");
    ApiError.send(ctx, 429, cause instanceof CredentialStore.BusyException ? cause.getMessage()
        : "Credentials could not be checked: " + cause.getMessage());
  }

  private void refuse(RoutingContext ctx, String reason, String message) {
    meters.counter("anserv.intake.auth.failures", "reason", reason).increment();
    ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"anserv events\", Bearer realm=\"anserv events\"");
    ApiError.send(ctx, 401, message);
  }

  /**
   * A parsed {@code Anserv-Signature} header.
   *
   * @param producer who signed
   * @param seconds when, in Unix seconds
   * @param hex the HMAC-SHA256, lowercase hex
   */
  record Signature(String producer, long seconds, String hex) {

    static Signature parse(String header) {
      String producer = null;
      String hex = null;
      long seconds = -1;
      for (String part : header.split(",")) {
        int equals = part.indexOf('=');
        if (equals < 0) {
          return null;
        }
        String value = part.substring(equals + 1).strip();
        switch (part.substring(0, equals).strip()) {
          case "producer" -> producer = value;
          case "v1" -> hex = value.toLowerCase(java.util.Locale.ROOT);
          case "t" -> seconds = value.matches("[0-9]{1,12}") ? Long.parseLong(value) : -1;
          default -> {
            return null;
          }
        }
      }
      return producer == null || hex == null || seconds < 0 || !hex.matches("[0-9a-f]{64}") ? null
          : new Signature(producer, seconds, hex);
    }

    boolean matches(byte[] key, Buffer body) {
      return MessageDigest.isEqual(HexFormat.of().parseHex(hex), sign(key, seconds, body.getBytes()));
    }

    /** HMAC-SHA256 of {@code seconds + "." + body} under {@code key}: what a producer computes. */
    static byte[] sign(byte[] key, long seconds, byte[] body) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update((seconds + ".").getBytes(StandardCharsets.US_ASCII));
        return mac.doFinal(body);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
      }
    }
  }
}
