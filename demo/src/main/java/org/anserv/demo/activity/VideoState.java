package org.anserv.demo.activity;

/** One learner's state of one video: where they left it and at what speed. */
public final class VideoState {

  private final long created;
  private long modified;
  private double position;
  private double speed = 1.0;
  private boolean completed;

  VideoState(long created) {
    this.created = created;
    this.modified = created;
  }

  void leave(long micros, double position, double speed, boolean completed) {
    this.modified = micros;
    this.position = position;
    this.speed = speed;
    this.completed |= completed;
  }

  /** When the video was first loaded. */
  public long created() {
    return created;
  }

  /** When it was last left. */
  public long modified() {
    return modified;
  }

  /** The playhead where the learner left it, in seconds. */
  public double position() {
    return position;
  }

  /** The speed it was last played at. */
  public double speed() {
    return speed;
  }

  /** Whether the learner ever reached its end. */
  public boolean completed() {
    return completed;
  }
}
