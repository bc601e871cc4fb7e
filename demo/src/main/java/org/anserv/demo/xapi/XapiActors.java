package org.anserv.demo.xapi;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The external ids of the demo's learners: what event-routing-backends puts in an xAPI actor instead of the username
 * (the LMS's {@code external_user_ids_externalid} of type {@code xapi}), derived from the seed so that the SQL tables
 * and the statements agree.
 */
public final class XapiActors {

  private XapiActors() {
  }

  /** The external id (a UUID with dashes, as in statements) of learner {@code learnerId} in the world of {@code seed}. */
  public static String externalId(long seed, long learnerId) {
    return UUID.nameUUIDFromBytes(("anserv-demo-xapi:" + seed + ":" + learnerId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
