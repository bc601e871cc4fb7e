package org.anserv.demo.world;

import java.time.Instant;

/**
 * A learner: an {@code auth_user} with a profile and a behaviour.
 *
 * @param id the {@code auth_user.id}, also {@code context.user_id} in events
 * @param username the unique username
 * @param email the email address (at {@code example.org})
 * @param firstName the first name
 * @param lastName the last name
 * @param dateJoined when the account was created
 * @param firstDay the day (0-based) of the learner's first enrollment in the demo period
 * @param profile the self-reported profile
 * @param persona the behaviour
 */
public record Learner(int id, String username, String email, String firstName, String lastName, Instant dateJoined,
    int firstDay, Profile profile, Persona persona) {

  /** The full name, as in {@code auth_userprofile.name}. */
  public String fullName() {
    return firstName + " " + lastName;
  }
}
