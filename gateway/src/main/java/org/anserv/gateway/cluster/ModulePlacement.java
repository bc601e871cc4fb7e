package org.anserv.gateway.cluster;

import com.hazelcast.cluster.Cluster;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.shareddata.Lock;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.anserv.runtime.ModuleRuntime;
import org.anserv.runtime.deploy.ModuleDiscovery.Candidate;
import org.anserv.runtime.shard.Shard;
import org.anserv.runtime.store.FencedWriteException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each module on exactly one node of the cluster and moves it when nodes come and go. What is placed is a
 * unit: a module, or one shard of a module split by student or resource ({@link Shard}); everything below holds for
 * either.
 *
 * <p>A node runs a module while it holds the module's cluster lock ({@code anserv.placement.<class>}); Hazelcast
 * frees the locks of a member it removes, so the modules of a dead node are taken over by the next survivor's tick
 * (every second). Each node aims at its fair share, {@code ceil(modules / members)}, members counted once their
 * placement runs ({@link PlacingMembers}): it takes free modules while below it and hands back the excess while
 * above it (after a node joins), undeploying each cleanly first. A node limited to some modules
 * ({@link NodeScope#limited()}: the process of an isolated module) takes every module it may run and is not counted
 * in the others' share: it joins the cluster with the member attribute {@link ClusteredVertx#LIMITED_ATTRIBUTE},
 * which Hazelcast publishes with its membership, so the others never count it, not even for the moment between its
 * joining and its first tick.
 *
 * <p>Exactly-once figures across moves: the cluster map {@code anserv.placement} records per module whether its last
 * owner stopped cleanly (state and cursors saved together). A module whose owner died is rebuilt from the event
 * log by its new owner, as a single node does after an unclean stop; a clean hand-over resumes from the saved
 * cursor.
 *
 * <p>Fenced by a lease: each tick that confirms this node's ownership (the map read back) renews a lease of
 * {@code max.no.heartbeat - heartbeat} (4 s by default) from the tick's start, shorter than the time the cluster
 * needs to drop a silent member and give its modules away. Every write of module state on this node passes a
 * {@link WriteFence}: while the lease stands it goes through; once it has run out (the node was frozen, cut off, or
 * too busy to tick) the write waits for the next tick, and goes through if that tick confirms the module is still
 * this node's, or fails if another node owns it now, so a stale instance cannot overwrite what a new owner wrote,
 * whatever its module code does when it wakes. A write already sent to MongoDB before a freeze can still land:
 * fencing those needs the database to check a token, which module code's arbitrary writes do not carry.
 */
public final class ModulePlacement {

  private static final Logger LOG = LoggerFactory.getLogger("anserv.cluster");
  private static final String MAP = "anserv.placement";
  // the shard count every node of the cluster must share, kept beside the placement records
  private static final String SHARDS_KEY = "anserv:modules.shards";
  private static final long TICK_MILLIS = 1_000;

  // ran: whether the module deployed here; cleanBefore: what the previous owner left, kept when it never ran
  private record Held(Lock lock, List<String> names, String token, boolean cleanBefore) {

    boolean ran() {
      return !names.isEmpty();
    }
  }

  // What the cluster places: a module, or one shard of a module split by student or resource.
  private record Unit(Candidate candidate, Shard shard) {

    // the cluster lock's and the placement record's key; a whole module keeps the key it always had
    String key() {
      return shard.instance(candidate.className());
    }
  }

  private final Vertx vertx;
  private final ModuleRuntime runtime;
  private final List<Unit> units;
  private final PlacingMembers members;
  private final boolean limited;
  private final long leaseNanos;
  private final LongSupplier clock;
  // System.nanoTime() up to which this node's ownership stands confirmed; 0 before the first confirmation
  private volatile long leaseUntil;
  // writes waiting for the next confirmation, by module name; modules found to be owned elsewhere
  private final Map<String, List<Promise<Void>>> waitingWrites = new HashMap<>();
  private final Set<String> lostModules = new HashSet<>();
  private volatile boolean anyLost;
  private final Map<String, Held> held = new LinkedHashMap<>();
  private final String node = UUID.randomUUID().toString();
  private final boolean uncleanStart;
  private AsyncMap<String, JsonObject> placements;
  private long timer = -1;
  private boolean ticking;
  private boolean confirming;
  // how many members shared the modules at the last count that succeeded
  private int sharing = 1;
  private volatile Future<Void> tickDone = Future.succeededFuture();
  private volatile boolean stopped;

  /**
   * Creates the placement of this node.
   *
   * @param vertx the clustered Vert.x
   * @param runtime this node's module runtime
   * @param candidates the modules this node may run
   * @param members the members this node shares the modules with
   * @param limited whether this node runs some modules only (see {@link NodeScope#limited()})
   * @param uncleanStart whether this node's previous run ended uncleanly: a module with no placement record (the
   *     whole cluster went down) is then rebuilt from the log
   * @param leaseMillis how long a confirmation of ownership lets this node write module state
   * @param clock the time, in {@link System#nanoTime()} units
   */
  public ModulePlacement(Vertx vertx, ModuleRuntime runtime, List<Candidate> candidates,
      PlacingMembers members, boolean limited, boolean uncleanStart, long leaseMillis, LongSupplier clock) {
    this.leaseNanos = TimeUnit.MILLISECONDS.toNanos(leaseMillis);
    this.clock = clock;
    this.uncleanStart = uncleanStart;
    this.vertx = vertx;
    this.runtime = runtime;
    this.units = candidates.stream().flatMap(candidate -> {
      int count = runtime.shardsOf(candidate);
      return java.util.stream.IntStream.range(0, count).mapToObj(index -> new Unit(candidate, count == 1
          ? Shard.WHOLE : new Shard(index, count)));
    }).toList();
    this.members = members;
    this.limited = limited;
  }

  /**
   * The placement of a node of a Hazelcast-clustered Vert.x, sized by the cluster's current member count.
   *
   * @param vertx a clustered Vert.x
   * @param runtime this node's module runtime
   * @param candidates the modules this node may run (every module the cluster runs, for an unlimited node)
   * @param limited whether this node runs some modules only
   * @param meters where the cluster gauges go ({@code anserv_cluster_members},
   *     {@code anserv_cluster_modules_running})
   * @param uncleanStart whether this node's previous run ended uncleanly
   * @param leaseMillis how long a confirmation of ownership lets this node write module state
   * @return the placement, not started
   */
  public static ModulePlacement inCluster(Vertx vertx, ModuleRuntime runtime, List<Candidate> candidates,
      boolean limited, MeterRegistry meters, boolean uncleanStart, long leaseMillis) {
    // The member list is only on the cluster manager, which Vert.x exposes through its internal interface.
    ClusterManager cluster = ((VertxInternal) vertx).clusterManager();
    Cluster hazelcast = ((HazelcastClusterManager) cluster).getHazelcastInstance().getCluster();
    ModulePlacement placement = new ModulePlacement(vertx, runtime, candidates, PlacingMembers.of(vertx, hazelcast),
        limited, uncleanStart, leaseMillis, System::nanoTime);
    Gauge.builder("anserv.cluster.members", () -> cluster.getNodes().size())
        .description("Nodes in the cluster, as this node sees them").register(meters);
    Gauge.builder("anserv.cluster.modules.running", () -> placement.running().size())
        .description("Modules this node runs").register(meters);
    return placement;
  }

  /** Starts taking modules; the first tick runs at once. */
  public Future<Void> start() {
    runtime.databases().fence(this::permit);
    return vertx.sharedData().<String, JsonObject>getAsyncMap(MAP).compose(map -> {
      placements = map;
      return sameShardCount();
    }).compose(v -> members.announce()).compose(v -> {
      timer = vertx.setPeriodic(TICK_MILLIS, ignored -> tick());
      return tick();
    });
  }

  // Nodes splitting modules into different numbers of shards would run both splits, each counting every event.
  private Future<Void> sameShardCount() {
    JsonObject mine = new JsonObject().put("shards", runtime.shards());
    return placements.putIfAbsent(SHARDS_KEY, mine).compose(first -> first == null || first.equals(mine)
        ? Future.succeededFuture()
        : Future.failedFuture(new IllegalStateException("This node splits modules into " + runtime.shards()
            + " shards (modules.shards) but the cluster's nodes use " + first.getInteger("shards") + ": set the"
            + " same number on every node; to change it, stop every node, then start them with the new number")));
  }

  /** The names of the modules this node runs now. */
  public synchronized List<String> running() {
    return held.values().stream().flatMap(h -> h.names().stream()).toList();
  }

  private Future<Void> tick() {
    if (stopped) {
      return Future.succeededFuture();
    }
    if (ticking) {
      confirmDuringTick();
      return Future.succeededFuture();
    }
    ticking = true;
    long now = clock.getAsLong();
    Future<Void> work = members.count().otherwise(sharing).compose(count -> {
      sharing = Math.max(1, count);
      int share = limited ? units.size() : (units.size() + sharing - 1) / sharing;
      return checkOwnership().compose(v -> {
        renew(now);
        return rebalance(share);
      });
    });
    tickDone = work.onComplete(done -> ticking = false).recover(cause -> {
      LOG.warn("Module placement tick failed: {}", cause.toString());
      return Future.succeededFuture();
    });
    return tickDone;
  }

  // A tick that deploys or stops modules one after another can outlast the lease; writes would then wait for the
  // next confirmation, which only the next tick gives, after this one. A module being handed back finishes its
  // current calls first, so a call waiting on the fence would hold up the tick that would let it through: the node
  // stalled until the call timed out (seen in ClusterFailoverTest on a join under load). So ownership is confirmed
  // every second all the same.
  private void confirmDuringTick() {
    if (confirming) {
      return;
    }
    confirming = true;
    long now = clock.getAsLong();
    checkOwnership().onSuccess(v -> renew(now)).onComplete(done -> confirming = false);
  }

  // The write fence: through while the lease stands, else after the next confirmation, refused for a lost module.
  // Every write of module state passes here: the usual case reads two volatile fields and takes no lock.
  private Future<Void> permit(String module) {
    long until = leaseUntil;
    if (!anyLost && (until == 0 || clock.getAsLong() <= until)) {
      return Future.succeededFuture();
    }
    return permitSlowly(module);
  }

  private synchronized Future<Void> permitSlowly(String module) {
    if (lostModules.contains(module)) {
      return Future.failedFuture(new FencedWriteException("module " + module + " runs on another node now; this"
          + " node lost it while it was frozen or cut off from the cluster"));
    }
    long until = leaseUntil;
    if (until == 0 || clock.getAsLong() <= until) {
      return Future.succeededFuture();
    }
    // completed on the writer's own context, so module code never continues on this node's placement context
    ContextInternal writer = ContextInternal.current();
    Promise<Void> permitted = writer != null ? writer.promise() : Promise.promise();
    waitingWrites.computeIfAbsent(module, name -> new ArrayList<>()).add(permitted);
    return permitted.future();
  }

  private void renew(long confirmedAt) {
    List<Promise<Void>> released = new ArrayList<>();
    synchronized (this) {
      leaseUntil = confirmedAt + leaseNanos;
      waitingWrites.values().forEach(released::addAll);
      waitingWrites.clear();
    }
    released.forEach(Promise::tryComplete);
  }

  private void lose(List<String> names) {
    List<Promise<Void>> refused = new ArrayList<>();
    synchronized (this) {
      lostModules.addAll(names);
      anyLost = true;
      names.forEach(name -> refused.addAll(waitingWrites.getOrDefault(name, List.of())));
      names.forEach(waitingWrites::remove);
    }
    refused.forEach(write -> write.tryFail(new FencedWriteException("module " + String.join(",", names) + " runs"
        + " on another node now; this node lost it while it was frozen or cut off from the cluster")));
  }

  private synchronized int heldCount() {
    return held.size();
  }

  private synchronized boolean holds(String key) {
    return held.containsKey(key);
  }

  private Future<Void> rebalance(int share) {
    Future<Void> work = Future.succeededFuture();
    if (heldCount() > share) {
      work = work.compose(v -> {
        List<String> keys;
        synchronized (this) {
          keys = List.copyOf(held.keySet());
        }
        return keys.size() <= share ? Future.<Void>succeededFuture()
            : Future.join(keys.subList(share, keys.size()).stream().map(this::handBack).toList()).mapEmpty();
      });
    } else {
      for (Unit unit : units) {
        // stopped: a tick under way when the node began to stop must not take modules back
        work = work.compose(v -> !stopped && heldCount() < share && !holds(unit.key())
            ? claim(unit) : Future.succeededFuture());
      }
    }
    return work;
  }

  // A node that was frozen may find its modules given to another node: it stops them at once.
  private Future<Void> checkOwnership() {
    List<Future<Void>> checks = new ArrayList<>();
    List<Map.Entry<String, Held>> entries;
    synchronized (this) {
      entries = List.copyOf(held.entrySet());
    }
    for (Map.Entry<String, Held> entry : entries) {
      checks.add(placements.get(entry.getKey()).compose(owner -> {
        if (owner != null && !entry.getValue().token().equals(owner.getString("token"))) {
          LOG.atWarn().addKeyValue("module", String.join(",", entry.getValue().names()))
              .log("Another node owns {} now: stopping it here", entry.getValue().names());
          synchronized (this) {
            held.remove(entry.getKey());
          }
          lose(entry.getValue().names());
          return undeploy(entry.getValue().names()).recover(cause -> Future.succeededFuture());
        }
        return Future.succeededFuture();
      }));
    }
    return Future.all(checks).mapEmpty();
  }

  private Future<Void> claim(Unit unit) {
    String key = unit.key();
    return vertx.sharedData().getLockWithTimeout("anserv.placement." + key, 20)
        .compose(lock -> placements.get(key).compose(previous -> {
          boolean cleanBefore = previous == null ? !uncleanStart : previous.getBoolean("clean", false);
          boolean rebuild = !cleanBefore;
          String token = UUID.randomUUID().toString();
          synchronized (this) {
            // claimed again: its writes go through once more
            lostModules.remove(unit.shard().instance(unit.candidate().moduleName()));
            anyLost = !lostModules.isEmpty();
          }
          long started = System.nanoTime();
          return placements.put(key, new JsonObject().put("node", node).put("token", token).put("clean", false))
              .compose(v -> runtime.deploy(unit.candidate(), unit.shard(), rebuild)
                  .map(List::of).otherwise(cause -> List.of()))
              .map(names -> {
                synchronized (this) {
                  held.put(key, new Held(lock, names, token, cleanBefore));
                }
                if (!names.isEmpty()) {
                  LOG.atInfo().addKeyValue("module", String.join(",", names)).addKeyValue("rebuilt", rebuild)
                      .log("Module {} runs on this node now ({} ms{})", names,
                          (System.nanoTime() - started) / 1_000_000,
                          rebuild ? ", rebuilt from the log: its previous run stopped uncleanly" : "");
                }
                return (Void) null;
              });
        }).onFailure(cause -> lock.release()), busy -> Future.succeededFuture());
  }

  // Clean hand-over: stop (state and cursors saved), mark clean, then free the lock for another node.
  private Future<Void> handBack(String key) {
    Held module;
    synchronized (this) {
      module = held.remove(key);
    }
    if (module == null) {
      return Future.succeededFuture();
    }
    // A module that never ran here leaves the record as its previous owner left it (a rebuild it owed stays owed).
    boolean clean = module.ran() || module.cleanBefore();
    return undeploy(module.names())
        .compose(v -> placements.put(key, new JsonObject().put("node", node).put("token", module.token())
            .put("clean", clean)))
        .onSuccess(v -> {
          module.lock().release();
          LOG.atInfo().addKeyValue("module", String.join(",", module.names()))
              .log("Module {} handed back for another node to run", module.names());
        })
        .onFailure(cause -> {
          // still running here, or its record unwritten: keep the lock rather than let a second node start it
          synchronized (this) {
            held.put(key, module);
          }
          LOG.atWarn().addKeyValue("module", String.join(",", module.names()))
              .log("Handing module {} back failed, kept here: {}", module.names(), cause.toString());
        });
  }

  private Future<Void> undeploy(List<String> names) {
    return Future.all(names.stream().map(runtime::undeploy).toList()).mapEmpty();
  }

  /**
   * Stops every module this node runs, marks each as stopped cleanly and frees it for the other nodes; a tick under
   * way (a module being claimed) finishes first, so what it claims is handed back too.
   */
  public Future<Void> stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    members.withdraw();
    // with ticks over, the lease is confirmed once more, so the hand-backs' final saves do not wait on a lapsed one
    long now = clock.getAsLong();
    return tickDone.eventually(() -> checkOwnership().onSuccess(v -> renew(now))).eventually(() -> {
      List<Future<Void>> stops = new ArrayList<>();
      List<String> keys;
      synchronized (this) {
        keys = List.copyOf(held.keySet());
      }
      for (String key : keys) {
        stops.add(handBack(key));
      }
      return Future.join(stops);
    }).mapEmpty();
  }
}
