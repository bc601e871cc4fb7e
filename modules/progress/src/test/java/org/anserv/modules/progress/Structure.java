package org.anserv.modules.progress;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.anserv.demo.activity.Progress;
import org.anserv.demo.world.Chapter;
import org.anserv.demo.world.Course;
import org.anserv.demo.world.Problem;
import org.anserv.demo.world.Sequential;
import org.anserv.demo.world.Vertical;
import org.anserv.demo.world.Video;

/** The true chapter completion of a demo learner, from the course's real structure and the learner's final state. */
final class Structure {

  private Structure() {
  }

  /** The block ids of each chapter's videos and problems, chapters in course order. */
  static Map<String, Set<String>> chapters(Course course) {
    Map<String, Set<String>> chapters = new LinkedHashMap<>();
    for (Chapter chapter : course.chapters()) {
      Set<String> blocks = new TreeSet<>();
      for (Sequential sequential : chapter.sequentials()) {
        for (Vertical vertical : sequential.verticals()) {
          vertical.videos().forEach(v -> blocks.add(v.blockId()));
          vertical.problems().forEach(p -> blocks.add(p.blockId()));
        }
      }
      chapters.put(chapter.blockId(), blocks);
    }
    return chapters;
  }

  /** The block ids of the videos and problems the learner touched. */
  static Set<String> touched(Progress progress) {
    Set<String> touched = new TreeSet<>();
    for (Video video : progress.enrollment().course().videos()) {
      if (progress.videos().containsKey(video.usageKey())) {
        touched.add(video.blockId());
      }
    }
    for (Problem problem : progress.enrollment().course().problems()) {
      if (progress.problems().containsKey(problem.usageKey())) {
        touched.add(problem.blockId());
      }
    }
    return touched;
  }

  /** Each chapter's completion, 4 decimals, by chapter id. */
  static Map<String, Double> completion(Progress progress) {
    Set<String> touched = touched(progress);
    Map<String, Double> completion = new LinkedHashMap<>();
    chapters(progress.enrollment().course()).forEach((chapter, blocks) -> completion.put(chapter,
        Math.round(10_000.0 * blocks.stream().filter(touched::contains).count() / blocks.size()) / 10_000.0));
    return completion;
  }

  /** How many chapters the learner touched every video and problem of. */
  static int completed(Progress progress) {
    return (int) completion(progress).values().stream().filter(c -> c == 1.0).count();
  }
}
