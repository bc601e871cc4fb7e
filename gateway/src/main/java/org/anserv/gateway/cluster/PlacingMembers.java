package org.anserv.gateway.cluster;

import com.hazelcast.cluster.Cluster;
import com.hazelcast.cluster.Member;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import java.util.Set;

/**
 * The members a node shares the modules with: those that may run any module and whose placement has started.
 * A member joining the cluster takes seconds more to open its log and runtime; counting it before it can claim made
 * the others hand modules back to no one, unowned for those seconds. So each placement announces itself in the
 * cluster map {@code anserv.placement.ready} when it starts, and a member counts once it did (entries of members that
 * left are ignored, and removed).
 */
public interface PlacingMembers {

  /** Announces this node's placement: from now on the others count it. */
  Future<Void> announce();

  /** How many members share the modules now, this node included. */
  Future<Integer> count();

  /** Withdraws this node's announcement: it is stopping. */
  Future<Void> withdraw();

  /** A fixed count, for a placement outside a real cluster (tests). */
  static PlacingMembers fixed(int count) {
    return new PlacingMembers() {
      @Override
      public Future<Void> announce() {
        return Future.succeededFuture();
      }

      @Override
      public Future<Integer> count() {
        return Future.succeededFuture(count);
      }

      @Override
      public Future<Void> withdraw() {
        return Future.succeededFuture();
      }
    };
  }

  /** The Hazelcast members of {@code cluster} without the {@link ClusteredVertx#LIMITED_ATTRIBUTE}, once ready. */
  static PlacingMembers of(Vertx vertx, Cluster cluster) {
    String self = cluster.getLocalMember().getUuid().toString();
    Future<AsyncMap<String, Boolean>> ready = vertx.sharedData().getAsyncMap("anserv.placement.ready");
    return new PlacingMembers() {
      @Override
      public Future<Void> announce() {
        return ready.compose(map -> map.put(self, true));
      }

      @Override
      public Future<Integer> count() {
        return ready.compose(map -> map.keys().map(announced -> {
          Set<Member> members = cluster.getMembers();
          announced.stream().filter(id -> members.stream().noneMatch(m -> m.getUuid().toString().equals(id)))
              .forEach(map::remove);
          return (int) members.stream().filter(m -> m.getAttribute(ClusteredVertx.LIMITED_ATTRIBUTE) == null
              && (m.localMember() || announced.contains(m.getUuid().toString()))).count();
        }));
      }

      @Override
      public Future<Void> withdraw() {
        return ready.compose(map -> map.remove(self)).mapEmpty();
      }
    };
  }
}
