package org.anserv.demo.world;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.anserv.demo.Dice;

/** Builds the course runs of a world: realistic keys, a few weeks of sections, units with videos and problems. */
public final class CourseFactory {

  private static final String YOUTUBE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  private static final List<String[]> CATALOG = List.of(
      new String[] {"AnservX", "DATA101", "Data Analysis for Everyone"},
      new String[] {"OpenLabX", "PHYS110", "Mechanics and Motion"},
      new String[] {"AnservX", "CS105", "Programming in Java"},
      new String[] {"MetroU", "STAT200", "Applied Statistics"},
      new String[] {"OpenLabX", "BIO120", "Cell Biology"},
      new String[] {"MetroU", "ECON101", "Principles of Economics"},
      new String[] {"AnservX", "HIST210", "A History of Computing"},
      new String[] {"OpenLabX", "CHEM101", "General Chemistry"});
  private static final List<String> TOPICS = List.of("Foundations", "Core ideas", "Working with data", "Models",
      "Practice", "Applications", "Going further", "Review", "Case studies", "Synthesis");

  private final long seed;

  /** A factory drawing from the world seed. */
  public CourseFactory(long seed) {
    this.seed = seed;
  }

  /** The {@code count} courses of a world, all starting on {@code start}. */
  public List<Course> courses(int count, LocalDate start) {
    List<Course> courses = new ArrayList<>();
    for (int index = 0; index < count; index++) {
      courses.add(course(index, start));
    }
    return List.copyOf(courses);
  }

  private Course course(int index, LocalDate start) {
    Dice dice = Dice.of(seed, 1, index);
    String[] entry = CATALOG.get(index % CATALOG.size());
    String number = index < CATALOG.size() ? entry[1] : entry[1] + "." + (index / CATALOG.size() + 1);
    String run = start.getYear() + "_T" + ((start.getMonthValue() - 1) / 4 + 1);
    Keys keys = new Keys(entry[0], number, run);
    List<Chapter> chapters = new ArrayList<>();
    int chapterCount = dice.between(4, 6);
    for (int c = 1; c <= chapterCount; c++) {
      chapters.add(chapter(dice, keys, c));
    }
    String id = "course-v1:" + entry[0] + "+" + number + "+" + run;
    return new Course(index, id, entry[0], number, run, entry[2], start, chapters);
  }

  private Chapter chapter(Dice dice, Keys keys, int c) {
    List<Sequential> sequentials = new ArrayList<>();
    int count = dice.between(2, 3);
    for (int s = 1; s <= count; s++) {
      List<Vertical> verticals = new ArrayList<>();
      int units = dice.between(2, 4);
      for (int v = 1; v <= units; v++) {
        verticals.add(vertical(dice, keys, c + "." + s + "." + v));
      }
      String id = dice.hex(32);
      sequentials.add(new Sequential(id, keys.of("sequential", id), "Lesson " + c + "." + s, verticals));
    }
    String id = dice.hex(32);
    return new Chapter(id, keys.of("chapter", id), "Week " + c + ": " + TOPICS.get((c - 1) % TOPICS.size()),
        sequentials);
  }

  private Vertical vertical(Dice dice, Keys keys, String label) {
    boolean video = dice.chance(0.65);
    int problems = !video || dice.chance(0.5) ? dice.between(1, 2) : 0;
    List<Video> videos = new ArrayList<>();
    if (video) {
      String id = dice.hex(32);
      videos.add(new Video(id, keys.of("video", id), "Video " + label, dice.text(YOUTUBE, 11),
          dice.between(120, 900)));
    }
    List<Problem> list = new ArrayList<>();
    for (int p = 0; p < problems; p++) {
      String id = dice.hex(32);
      int maxAttempts = dice.weighted(List.of(0, 1, 2, 3), 0.4, 0.1, 0.2, 0.3);
      list.add(new Problem(id, keys.of("problem", id), "Problem " + label + (char) ('a' + p), dice.between(1, 3),
          dice.gaussian() * 0.8, maxAttempts));
    }
    String id = dice.hex(32);
    return new Vertical(id, keys.of("vertical", id), "Unit " + label, videos, list);
  }

  private record Keys(String org, String number, String run) {

    String of(String type, String blockId) {
      return Course.usageKey(org, number, run, type, blockId);
    }
  }
}
