package org.anserv.demo.world;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One course run and its structure.
 *
 * @param index the course's 0-based position in the world; lower indexes attract more learners
 * @param id the course key {@code course-v1:Org+Number+Run}
 * @param org the organization
 * @param number the course number
 * @param run the run
 * @param displayName the title
 * @param start the first day of the course
 * @param chapters the sections in order
 */
public record Course(int index, String id, String org, String number, String run, String displayName,
    LocalDate start, List<Chapter> chapters) {

  /** Copies the list. */
  public Course {
    chapters = List.copyOf(chapters);
  }

  /** The usage key of block {@code blockId} of type {@code type} in this course. */
  public static String usageKey(String org, String number, String run, String type, String blockId) {
    return "block-v1:" + org + "+" + number + "+" + run + "+type@" + type + "+block@" + blockId;
  }

  /** Every unit in course order. */
  public List<Unit> units() {
    List<Unit> units = new ArrayList<>();
    for (Chapter chapter : chapters) {
      for (Sequential sequential : chapter.sequentials()) {
        for (int tab = 0; tab < sequential.verticals().size(); tab++) {
          units.add(new Unit(units.size(), chapter, sequential, sequential.verticals().get(tab), tab + 1));
        }
      }
    }
    return List.copyOf(units);
  }

  /** Every video in course order. */
  public List<Video> videos() {
    return units().stream().flatMap(unit -> unit.vertical().videos().stream()).toList();
  }

  /** Every problem in course order. */
  public List<Problem> problems() {
    return units().stream().flatMap(unit -> unit.vertical().problems().stream()).toList();
  }

  /** The points possible in the whole course: the sum of every problem's maximum grade. */
  public int maxPoints() {
    return problems().stream().mapToInt(Problem::maxGrade).sum();
  }
}
