package org.anserv.demo.world;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.anserv.demo.Dice;

/** Creates the learners of a world with plausible, varied profiles. */
public final class LearnerFactory {

  private static final List<String> FIRST = List.of("Amara", "Bruno", "Chen", "Dalia", "Elif", "Farid", "Grace",
      "Hiro", "Ines", "Jonas", "Kavya", "Luca", "Maya", "Nikolai", "Olu", "Priya", "Quinn", "Rosa", "Samir", "Tariq",
      "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zora", "Ada", "Ben", "Carmen", "Dmitri", "Esther", "Felipe",
      "Hana", "Ivan", "Julia", "Kofi", "Lena", "Mateo", "Noor", "Oscar");
  private static final List<String> LAST = List.of("Okafor", "Silva", "Wang", "Haddad", "Yilmaz", "Rahimi", "Hopper",
      "Tanaka", "Garcia", "Berg", "Iyer", "Rossi", "Cohen", "Petrov", "Adeyemi", "Sharma", "Murphy", "Lopez",
      "Khan", "Aziz", "Nair", "Novak", "Li", "Herrera", "Demir", "Kowalski", "Lovelace", "Martin", "Diaz", "Ivanov",
      "Mensah", "Santos", "Kim", "Sokolov", "Weber", "Boateng", "Fischer", "Torres", "Hassan", "Eriksen");
  private static final List<String> COUNTRIES = List.of("US", "IN", "GB", "BR", "NG", "MX", "DE", "EG", "CN", "PK",
      "FR", "CA", "ES", "CO", "ID", "PH", "KE", "TR", "PL", "JP");
  private static final double[] COUNTRY_WEIGHTS =
      {22, 14, 5, 5, 5, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2};
  private static final List<String> EDUCATION = List.of("p", "m", "b", "a", "hs", "jhs", "el", "none", "other");
  private static final double[] EDUCATION_WEIGHTS = {3, 18, 32, 6, 25, 5, 2, 2, 3};
  private static final List<String> AGENTS = List.of(
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
          + "Version/18.1 Safari/605.1.15",
      "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0");
  private static final List<String> NETWORKS = List.of("192.0.2.", "198.51.100.", "203.0.113.");

  private final long seed;

  /** A factory drawing from the world seed. */
  public LearnerFactory(long seed) {
    this.seed = seed;
  }

  /** The learners of a world of {@code days} days starting {@code start}; ids start at 1. */
  public List<Learner> learners(int count, int days, LocalDate start) {
    List<Learner> learners = new ArrayList<>(count);
    for (int id = 1; id <= count; id++) {
      learners.add(learner(id, days, start));
    }
    return List.copyOf(learners);
  }

  private Learner learner(int id, int days, LocalDate start) {
    Dice dice = Dice.of(seed, 2, id);
    String first = dice.pick(FIRST);
    String last = dice.pick(LAST);
    String username = first.toLowerCase(Locale.ROOT) + "_" + last.toLowerCase(Locale.ROOT).charAt(0) + id;
    int firstDay = dice.chance(0.45) ? dice.below(Math.min(3, days)) : dice.below(Math.max(1, days * 3 / 4));
    Instant firstDayStart = start.plusDays(firstDay).atStartOfDay(ZoneOffset.UTC).toInstant();
    // Most accounts are made right before the first enrollment; the rest existed long before.
    Instant joined = dice.chance(0.7)
        ? firstDayStart.plusSeconds(dice.between(6 * 3600, 20 * 3600)).plusNanos(dice.below(1_000_000) * 1000L)
        : firstDayStart.minusSeconds(dice.between(1, 700) * 86_400L + dice.below(86_400))
            .plusNanos(dice.below(1_000_000) * 1000L);
    return new Learner(id, username, username + "@example.org", first, last, joined, firstDay, profile(dice, start),
        persona(dice));
  }

  private static Profile profile(Dice dice, LocalDate start) {
    Integer year = dice.chance(0.92) ? start.getYear() - 17 - (int) Math.min(50, dice.exponential(12)) : null;
    String gender = dice.chance(0.85) ? dice.weighted(List.of("m", "f", "o"), 55, 43, 2) : null;
    String education = dice.chance(0.9) ? dice.weighted(EDUCATION, EDUCATION_WEIGHTS) : null;
    String country = dice.chance(0.95) ? dice.weighted(COUNTRIES, COUNTRY_WEIGHTS) : null;
    return new Profile(year, gender, education, country);
  }

  private static Persona persona(Dice dice) {
    double ability = dice.gaussian();
    double diligence = 0.25 + 0.75 * dice.unit() * dice.unit() * 0.5 + 0.375 * dice.unit();
    int hour = Math.max(6, Math.min(20, 14 + (int) Math.round(dice.gaussian() * 3.5)));
    double speed = dice.weighted(List.of(1.0, 1.25, 1.5, 2.0), 60, 15, 20, 5);
    String ip = dice.pick(NETWORKS) + dice.between(1, 254);
    return new Persona(ability, Math.min(1.0, diligence), hour, dice.chance(0.15), speed, dice.pick(AGENTS), ip);
  }
}
