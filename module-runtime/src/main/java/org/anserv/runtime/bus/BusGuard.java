package org.anserv.runtime.bus;

import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.anserv.api.Event;
import org.anserv.runtime.invoke.CodeContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps module code off the runtime's private addresses. Module code can reach the Vert.x instance
 * ({@code Vertx.currentContext().owner()}) and send anything on the event bus; this outbound interceptor looks at
 * whose code sends (its context, see {@link CodeContexts}) and lets a module send only what its handles send: queries
 * to {@link Addresses#moduleCall(String)} and events it emits itself to {@link Addresses#SUBMIT}. Anything else to an
 * {@code anserv.} address (pushing events to modules, their hard-realtime or file addresses, their views, the
 * registry, rebuilds, events claiming another origin) is refused: a request fails with 403 and a message saying
 * why, a send or publish is dropped and logged. Runtime code and the gateway are not affected.
 */
public final class BusGuard implements Handler<DeliveryContext<Object>> {

  private static final Logger LOG = LoggerFactory.getLogger("anserv.module");
  private static final String PRIVATE_PREFIX = "anserv.";
  private static final long QUIET_NANOS = 5_000_000_000L;

  private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();

  private BusGuard() {
  }

  /** Installs the guard on {@code vertx}'s event bus. */
  public static void install(Vertx vertx) {
    vertx.eventBus().addOutboundInterceptor(new BusGuard());
  }

  @Override
  public void handle(DeliveryContext<Object> delivery) {
    String module = CodeContexts.moduleOf(Vertx.currentContext());
    String address = delivery.message().address();
    String refusal = module == null || !address.startsWith(PRIVATE_PREFIX) ? null
        : refusal(module, address, delivery.body());
    if (refusal == null) {
      delivery.next();
      return;
    }
    long now = System.nanoTime();
    Long last = lastLogged.get(module);
    if (last == null || now - last > QUIET_NANOS) {
      // At most one line per module every few seconds: a module trying in a loop must not flood the log.
      lastLogged.put(module, now);
      LOG.atWarn().addKeyValue("module", module).addKeyValue("address", address).log(refusal);
    }
    if (delivery instanceof Promise<?> sending) {
      sending.tryFail(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, Failures.FORBIDDEN, refusal));
    }
  }

  private static String refusal(String module, String address, Object body) {
    if (address.equals(Addresses.SUBMIT)) {
      if (body instanceof EventBatch batch && !batch.sync()
          && batch.events().stream().allMatch(e -> emittedBy(e, module))) {
        return null;
      }
      return "Module '" + module + "' may submit only events it emits itself, through its Emitter; refused.";
    }
    if (address.startsWith("anserv.module.") && address.endsWith(".call") && body instanceof JsonObject request
        && "query".equals(request.getString("kind"))) {
      return null;
    }
    return "Module '" + module + "' may not send to '" + address + "': modules reach each other only through"
        + " Queries and Emitter. Refused.";
  }

  private static boolean emittedBy(Event event, String module) {
    return event.origin().emittingModule().filter(module::equals).isPresent();
  }
}
