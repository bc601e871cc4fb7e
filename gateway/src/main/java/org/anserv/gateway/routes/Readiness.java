package org.anserv.gateway.routes;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.mongo.MongoClient;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.anserv.api.Sql;
import org.anserv.runtime.bus.Addresses;
import org.anserv.runtime.log.EventLog;

/**
 * What {@code GET /ready} checks, as vertx-health-check procedures, each answering within
 * {@value #TIMEOUT_MS} ms: {@code event-log} (it refused no append since the previous check and, for the local
 * engine, its directory exists, is writable and has room),
 * {@code module-databases} (MongoDB answers a ping), {@code sql-replica} (when one is configured, it answers
 * {@code SELECT 1}) and {@code modules} (the registry answers, listing modules running and those that failed to
 * deploy, which are skipped by design and do not make the node unready).
 */
public final class Readiness {

  static final long TIMEOUT_MS = 2_000;
  // Below this the log's next segment may not fit: better taken out of the load balancer than answering 503s.
  private static final long MIN_FREE_BYTES = 64L << 20;

  private final Vertx vertx;
  private final HealthChecks checks;
  private final MongoClient mongo;
  private final EventLog log;
  private final AtomicLong rejectedSeen;

  /**
   * Checks for a node whose event log is {@code log}, kept in {@code logDirectory} (null when the log is not on this
   * machine), whose module databases are on
   * {@code mongoConnectionString}, and with {@code sql} as its replica, or {@code null} when none is configured.
   */
  public Readiness(Vertx vertx, EventLog log, Path logDirectory, String mongoConnectionString, Sql sql) {
    this.vertx = vertx;
    this.log = log;
    this.rejectedSeen = new AtomicLong(log.stats().rejectedEvents());
    this.checks = HealthChecks.create(vertx);
    this.mongo = MongoClient.create(vertx, new JsonObject().put("connection_string", mongoConnectionString)
        .put("db_name", "admin").put("serverSelectionTimeoutMS", TIMEOUT_MS));
    checks.register("event-log", TIMEOUT_MS, promise -> eventLog(logDirectory, promise));
    checks.register("module-databases", TIMEOUT_MS, this::moduleDatabases);
    if (sql != null) {
      checks.register("sql-replica", TIMEOUT_MS, promise -> sql.query("SELECT 1")
          .onSuccess(rows -> promise.complete(Status.OK()))
          .onFailure(cause -> promise.complete(down("The SQL replica does not answer: " + cause.getMessage()))));
    }
    checks.register("modules", TIMEOUT_MS, this::modules);
  }

  /** The checks, for the route. */
  public HealthChecks checks() {
    return checks;
  }

  private void eventLog(Path directory, Promise<Status> promise) {
    long rejected = log.stats().rejectedEvents();
    long before = rejectedSeen.getAndSet(rejected);
    if (rejected > before) {
      promise.complete(down("The event log refused " + (rejected - before) + " events since the previous check"
          + " (queue full, write error or unreachable): see anserv_log_rejected_events_total and the node's log."));
      return;
    }
    if (directory == null) {
      promise.complete(Status.OK());
      return;
    }
    vertx.executeBlocking(() -> {
      if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
        return down("The event log directory " + directory + " is missing or not writable: check its"
            + " permissions and the disk.");
      }
      long free = new File(directory.toString()).getUsableSpace();
      JsonObject data = new JsonObject().put("directory", directory.toString()).put("freeBytes", free);
      return free < MIN_FREE_BYTES ? Status.KO(data.put("message", "Only " + free + " bytes free under "
          + directory + ": free disk space or set log.retention.*")) : Status.OK(data);
    }).onComplete(promise);
  }

  private void moduleDatabases(Promise<Status> promise) {
    mongo.runCommand("ping", new JsonObject().put("ping", 1))
        .onSuccess(reply -> promise.complete(Status.OK()))
        .onFailure(cause -> promise.complete(down("MongoDB (module databases) does not answer: "
            + cause.getMessage())));
  }

  private void modules(Promise<Status> promise) {
    vertx.eventBus().<JsonObject>request(Addresses.SCHEMA, null, new DeliveryOptions().setSendTimeout(TIMEOUT_MS))
        .onSuccess(reply -> promise.complete(Status.OK(new JsonObject()
            .put("running", names(reply.body().getJsonArray("modules")))
            .put("failed", names(reply.body().getJsonArray("failed"))))))
        .onFailure(cause -> promise.complete(down("The module registry does not answer: " + cause.getMessage())));
  }

  private static JsonArray names(JsonArray modules) {
    return new JsonArray(modules.stream().map(m -> ((JsonObject) m).getString("name")).toList());
  }

  private static Status down(String message) {
    return Status.KO(new JsonObject().put("message", message));
  }

  /** Closes the MongoDB client the database check uses. */
  public Future<Void> close() {
    return mongo.close();
  }
}
