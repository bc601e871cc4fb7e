package org.anserv.runtime.actor;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.anserv.api.Event;
import org.anserv.api.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the actors of xAPI statements to platform users. event-routing-backends names the actor by an
 * anonymised external id (the LMS's {@code external_user_ids_externalid} row of type {@code xapi}), never by
 * username; this reads that table, joined to {@code auth_user}, from the SQL read-replica, keeps it in memory, and
 * reads it again on a miss at most once a minute. A statement whose actor cannot be resolved is delivered
 * unresolved ({@code event.actor().resolved()} is false), counted in
 * {@code anserv_xapi_actors_unresolved_total{reason}} and logged.
 */
public final class ExternalIds {

  static final String QUERY = "SELECT e.external_user_id AS external_id, u.id AS user_id, u.username AS username"
      + " FROM external_user_ids_externalid e JOIN external_user_ids_externalidtype t ON t.id = e.external_id_type_id"
      + " JOIN auth_user u ON u.id = e.user_id WHERE t.name = 'xapi'";
  private static final Logger LOG = LoggerFactory.getLogger(ExternalIds.class);
  private static final long RELOAD_MILLIS = 60_000;

  private final Sql sql;
  private final MeterRegistry meters;
  private volatile Map<String, User> users = Map.of();
  private Future<Void> loading;
  private long loadedAt = Long.MIN_VALUE / 2;
  private String lastProblem;
  private int warned;

  private record User(long id, String username) {
  }

  public ExternalIds(Sql sql, MeterRegistry meters) {
    this.sql = sql;
    this.meters = meters;
  }

  /** {@code events} with every statement's actor resolved where the replica knows it; others unchanged. */
  public Future<List<Event>> resolve(List<Event> events) {
    boolean anyUnknown = false;
    for (Event event : events) {
      if (needs(event) && lookup(event).isEmpty()) {
        anyUnknown = true;
        break;
      }
    }
    if (!anyUnknown) {
      return Future.succeededFuture(events.stream().map(this::resolved).toList());
    }
    // The replica answers on its own pool's thread; module code must go on running on the caller's context.
    Context caller = Vertx.currentContext();
    Promise<List<Event>> back = Promise.promise();
    reload().map(v -> {
      List<Event> out = new ArrayList<>(events.size());
      for (Event event : events) {
        Event resolved = resolved(event);
        if (needs(resolved)) {
          unresolved(event, lastProblem == null ? "unknown_id" : "no_replica");
        }
        out.add(resolved);
      }
      return out;
    }).onComplete(result -> {
      if (caller == null) {
        back.handle(result);
      } else {
        caller.runOnContext(v -> back.handle(result));
      }
    });
    return back.future();
  }

  private static boolean needs(Event event) {
    return event.isStatement() && !event.actor().resolved();
  }

  private Event resolved(Event event) {
    if (!needs(event)) {
      return event;
    }
    return lookup(event).map(user -> event.withUser(user.id(), user.username())).orElse(event);
  }

  private Optional<User> lookup(Event event) {
    return event.actor().externalId().map(ExternalIds::key).map(users::get);
  }

  // Django keeps a UUIDField as 32 hex digits on MySQL; ERB sends it with dashes.
  static String key(String externalId) {
    return externalId.replace("-", "").toLowerCase(Locale.ROOT);
  }

  private synchronized Future<Void> reload() {
    if (loading != null && !loading.isComplete()) {
      return loading;
    }
    if (System.currentTimeMillis() - loadedAt < RELOAD_MILLIS) {
      return Future.succeededFuture();
    }
    loadedAt = System.currentTimeMillis();
    loading = sql.query(QUERY).map(rows -> {
      Map<String, User> read = new HashMap<>(rows.size() * 2);
      for (JsonObject row : rows) {
        read.put(key(String.valueOf(row.getValue("external_id"))),
            new User(((Number) row.getValue("user_id")).longValue(), row.getString("username")));
      }
      users = Map.copyOf(read);
      lastProblem = null;
      warned = 0;
      return (Void) null;
    }).recover(cause -> {
      lastProblem = String.valueOf(cause.getMessage());
      LOG.warn("xAPI actors cannot be resolved to users: reading external_user_ids_externalid from the SQL"
          + " read-replica failed ({}). Statements are delivered with only their external id; set sql.host to"
          + " the LMS replica.", lastProblem);
      return Future.succeededFuture();
    });
    return loading;
  }

  private void unresolved(Event event, String reason) {
    meters.counter("anserv.xapi.actors.unresolved", "reason", reason).increment();
    // A few per reload: enough to see which ids are missing without flooding the log.
    if (reason.equals("unknown_id") && warned++ < 10) {
      LOG.warn("xAPI actor {} of statement {} is not in external_user_ids_externalid (type xapi) of the replica;"
          + " delivered without a user.", event.actor().externalId().orElse("?"), event.json().getValue("id"));
    }
  }
}
