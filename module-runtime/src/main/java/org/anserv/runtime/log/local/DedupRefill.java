package org.anserv.runtime.log.local;

import org.anserv.runtime.log.IdWindow;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Refills the dedup window when the log opens, with the ids of the newest records: from the active segment (just
 * scanned) and the index files of the sealed segments before it, oldest first, so the window ends up as it was.
 */
final class DedupRefill {

  private DedupRefill() {
  }

  static IdWindow refill(List<Segment> segments, int windowSize) throws IOException {
    Deque<Segment> needed = new ArrayDeque<>();
    long remembered = 0;
    for (int i = segments.size() - 1; i >= 0 && remembered < windowSize; i--) {
      needed.addFirst(segments.get(i));
      remembered += segments.get(i).count();
    }
    IdWindow window = new IdWindow(windowSize);
    long skip = Math.max(0, remembered - windowSize);
    for (Segment segment : needed) {
      long[] ids = segment == segments.getLast() ? segment.idPairs() : SegmentRecovery.idPairs(segment);
      for (int i = 0; i < segment.count(); i++) {
        if (skip > 0) {
          skip--;
        } else {
          window.add(ids[i * 2], ids[i * 2 + 1], segment.baseOffset() + i);
        }
      }
    }
    return window;
  }
}
