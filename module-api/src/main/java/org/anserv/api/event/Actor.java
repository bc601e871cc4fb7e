package org.anserv.api.event;

import java.util.Objects;
import java.util.Optional;

/**
 * Who did what an event reports. Tracking-log events name the user; xAPI statements name an anonymised external id
 * (the LMS {@code external_user_ids_externalid} row of type {@code xapi}), which the runtime resolves to the user
 * through the SQL read-replica; when it cannot, only {@link #externalId()} is present.
 *
 * @param username the platform username
 * @param userId the platform's numeric user id
 * @param externalId the xAPI actor's account name (an external id uuid), for statements
 */
public record Actor(Optional<String> username, Optional<Long> userId, Optional<String> externalId) {

  /** Checks that no component is null. */
  public Actor {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(externalId, "externalId");
  }

  /** Whether the platform user is known: always for tracking events with a user, for statements once resolved. */
  public boolean resolved() {
    return username.isPresent() || userId.isPresent();
  }
}
