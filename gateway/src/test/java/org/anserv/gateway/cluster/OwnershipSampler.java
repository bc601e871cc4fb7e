package org.anserv.gateway.cluster;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.anserv.runtime.shard.Shard;

/**
 * Asks every live node of a test cluster, over and over, which units it runs, and records whether a unit ever ran
 * on two nodes at once, how long each unit went without an owner, and when each was first seen owned after a
 * moment. A unit is what the cluster places on exactly one node: a whole module, or one shard of a module split by
 * student or resource ({@link #units(JsonObject)}).
 *
 * <p>A round asks the nodes in order, then again in reverse order. Two owners are reported only when they cannot be
 * a hand-over seen at two instants: the node asked first and last held the unit both times, and the node asked in
 * between held it too. (A node would have to give the unit away and take it back within the round, while the
 * cluster moves a unit at most once a second.) Overlaps shorter than a round (a few tens of milliseconds) can go
 * unseen; a node that does not answer (killed, frozen) is not counted as an owner. A node stops listing a unit when
 * it begins to stop it, and holds the unit's cluster lock until the stop has ended: the listing shows a subset of
 * what runs, never more.
 */
final class OwnershipSampler implements AutoCloseable {

  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(2);

  private final List<ClusterNode> live = new CopyOnWriteArrayList<>();
  private final Function<ClusterNode, Set<String>> owned;
  private final List<String> doubleOwned = new CopyOnWriteArrayList<>();
  // unit -> System.nanoTime() of the latest round that found an owner
  private final Map<String, Long> lastOwned = new ConcurrentHashMap<>();
  private final Map<String, Long> longestGap = new ConcurrentHashMap<>();
  // rounds taken: when each began and ended (System.nanoTime()), and the units owned in it
  private record Round(long began, long ended, Set<String> owned) {
  }

  private final List<Round> rounds = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long roundCount;

  /**
   * Starts sampling.
   *
   * @param nodes the nodes to ask, all live now
   * @param owned the units a node runs now; throws when it does not answer
   */
  OwnershipSampler(Collection<ClusterNode> nodes, Function<ClusterNode, Set<String>> owned) {
    this.live.addAll(nodes);
    this.owned = owned;
    this.thread = Thread.ofPlatform().name("ownership-sampler").daemon().start(this::run);
  }

  /**
   * The units {@code node} holds, from its {@code /schema} ({@link #units(JsonObject)}).
   *
   * @throws IllegalStateException when it does not answer
   */
  static Set<String> units(ClusterNode node) {
    try {
      return units(new JsonObject(node.get("/schema", ASK_TIMEOUT)));
    } catch (Exception e) {
      throw new IllegalStateException(node.name() + " did not answer /schema: " + e, e);
    }
  }

  /**
   * The units a node's schema listing says it holds: the whole modules it runs (listed without a {@code node}), the
   * shards it runs (a sharded module's {@code shards.nodes} entries that are {@code "local"}, named as their
   * instances, {@code name#IofN}), and the modules or shards it keeps in quarantine, which no other node may start
   * meanwhile.
   */
  static Set<String> units(JsonObject schema) {
    Set<String> names = new HashSet<>();
    for (Object listed : schema.getJsonArray("modules")) {
      JsonObject module = (JsonObject) listed;
      JsonObject shards = module.getJsonObject("shards");
      if (shards != null) {
        shards.getJsonObject("nodes").forEach(shard -> {
          if ("local".equals(shard.getValue())) {
            names.add(new Shard(Integer.parseInt(shard.getKey()), shards.getInteger("count"))
                .instance(module.getString("name")));
          }
        });
      } else if (!module.containsKey("node")) {
        names.add(module.getString("name"));
      }
    }
    for (Object module : schema.getJsonArray("quarantined")) {
      names.add(((JsonObject) module).getString("name"));
    }
    return names;
  }

  /** Stops asking {@code node} (before it is killed or frozen). */
  void forget(ClusterNode node) {
    live.remove(node);
  }

  /** Starts asking {@code node} (once it is up). */
  void add(ClusterNode node) {
    live.add(node);
  }

  private void run() {
    while (running) {
      long began = System.nanoTime();
      List<ClusterNode> order = List.copyOf(live);
      List<Set<String>> forward = new ArrayList<>();
      for (ClusterNode node : order) {
        forward.add(ask(node));
      }
      List<Set<String>> backward = new ArrayList<>();
      for (int i = order.size() - 1; i >= 0; i--) {
        backward.addFirst(ask(order.get(i)));
      }
      long now = System.nanoTime();
      Set<String> ownedNow = new HashSet<>();
      for (int outer = 0; outer < order.size(); outer++) {
        Set<String> held = intersection(forward.get(outer), backward.get(outer));
        for (int inner = outer + 1; inner < order.size(); inner++) {
          for (String unit : held) {
            if (forward.get(inner).contains(unit) || backward.get(inner).contains(unit)) {
              doubleOwned.add(unit + " on " + order.get(outer).name() + " and " + order.get(inner).name());
            }
          }
        }
        ownedNow.addAll(forward.get(outer));
        ownedNow.addAll(backward.get(outer));
      }
      for (String unit : ownedNow) {
        Long last = lastOwned.put(unit, now);
        if (last != null) {
          longestGap.merge(unit, now - last, Math::max);
        }
      }
      rounds.add(new Round(began, now, ownedNow));
      roundCount++;
      try {
        // a round every ~0.2 s: /schema is not free, and the nodes share two cores with everything else
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private Set<String> ask(ClusterNode node) {
    try {
      return owned.apply(node);
    } catch (RuntimeException notAnswering) {
      return Set.of();
    }
  }

  private static Set<String> intersection(Set<String> a, Set<String> b) {
    Set<String> both = new HashSet<>(a);
    both.retainAll(b);
    return both;
  }

  /** Every time a unit was seen on two nodes at once, as "unit on a and b". */
  List<String> doubleOwned() {
    return List.copyOf(doubleOwned);
  }

  /** How many rounds were taken. */
  long rounds() {
    return roundCount;
  }

  /** The longest time between the starts of two rounds, in ms: how long a double owner could have gone unseen. */
  long longestPauseMillis() {
    long longest = 0;
    for (int i = 1; i < rounds.size(); i++) {
      longest = Math.max(longest, rounds.get(i).began() - rounds.get(i - 1).began());
    }
    return longest / 1_000_000;
  }

  /** For each unit, the longest time between two rounds that found it an owner, in ms. */
  Map<String, Long> longestGapsMillis() {
    Map<String, Long> gaps = new TreeMap<>();
    longestGap.forEach((unit, nanos) -> gaps.put(unit, nanos / 1_000_000));
    return gaps;
  }

  /**
   * Waits until every unit of {@code units} was seen owned in a round begun after {@code since} (so not through a
   * node asked before it was killed or frozen).
   *
   * @return for each unit, ms from {@code since} to the end of the first such round (an upper bound)
   * @throws AssertionError when some are not within {@code within} (naming them)
   */
  Map<String, Long> awaitOwnedAfter(Set<String> units, long since, Duration within) throws InterruptedException {
    long deadline = since + within.toNanos();
    while (true) {
      Map<String, Long> found = new TreeMap<>();
      for (Round round : rounds) {
        if (round.began() > since) {
          for (String unit : round.owned()) {
            if (units.contains(unit)) {
              found.putIfAbsent(unit, (round.ended() - since) / 1_000_000);
            }
          }
        }
      }
      if (found.keySet().containsAll(units)) {
        return found;
      }
      if (System.nanoTime() > deadline) {
        Set<String> missing = new HashSet<>(units);
        missing.removeAll(found.keySet());
        throw new AssertionError("not owned again within " + within + ": " + missing);
      }
      Thread.sleep(20);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(TimeUnit.SECONDS.toMillis(5));
  }
}
