package org.anserv.modules.progress;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.anserv.api.ReadOnlyDb;

/**
 * The chapters of a course as far as events revealed them: a video or problem belongs to the chapter named in the
 * courseware URL of a browser or server event about it. Blocks nobody opened in the browser yet (and chapters with
 * none) are unknown, so completion is measured against what learners have revealed. Chapters are numbered in the
 * order they were first seen, which is course order when learners work through it in order.
 *
 * @param chapters the chapters in order, each with its known blocks
 */
record Chapters(List<Chapter> chapters) {

  /**
   * One chapter.
   *
   * @param id its block id
   * @param blocks the block ids of its known videos and problems
   */
  record Chapter(String id, Set<String> blocks) {
  }

  /** The known chapters of {@code course}; none for an unknown course. */
  static Future<Chapters> load(String course, ReadOnlyDb db) {
    return db.readCollection(Progress.BLOCKS).find(new JsonObject().put("course", course)).map(blocks -> {
      Map<String, Set<String>> byChapter = new HashMap<>();
      Map<String, Long> firstSeen = new HashMap<>();
      for (JsonObject block : blocks) {
        String chapter = block.getString("chapter");
        byChapter.computeIfAbsent(chapter, c -> new TreeSet<>()).add(block.getString("block"));
        firstSeen.merge(chapter, block.getLong("first_seen", Long.MAX_VALUE), Math::min);
      }
      List<Chapter> chapters = new ArrayList<>();
      byChapter.forEach((id, ids) -> chapters.add(new Chapter(id, ids)));
      chapters.sort(Comparator.comparing((Chapter c) -> firstSeen.get(c.id())).thenComparing(Chapter::id));
      return new Chapters(chapters);
    });
  }

  /** How many chapters are known. */
  int size() {
    return chapters.size();
  }

  /** How many chapters have every known block among {@code touched}. */
  int completed(Set<String> touched) {
    return (int) chapters.stream().filter(c -> touched.containsAll(c.blocks())).count();
  }

  /**
   * Each chapter's completion by a learner who touched {@code touched}: {@code [{chapter, position (from 1), blocks,
   * touched, completion (0 to 1, 4 decimals)}]}.
   */
  JsonArray completion(Set<String> touched) {
    JsonArray out = new JsonArray();
    for (int i = 0; i < chapters.size(); i++) {
      Chapter chapter = chapters.get(i);
      long done = chapter.blocks().stream().filter(touched::contains).count();
      out.add(new JsonObject()
          .put("chapter", chapter.id())
          .put("position", i + 1)
          .put("blocks", chapter.blocks().size())
          .put("touched", done)
          .put("completion", Math.round(10_000.0 * done / chapter.blocks().size()) / 10_000.0));
    }
    return out;
  }
}
