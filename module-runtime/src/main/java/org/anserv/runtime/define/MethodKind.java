package org.anserv.runtime.define;

/** The kinds of annotated module methods, each with the annotation that declares it. */
public enum MethodKind {
  HANDLER("@EventHandler"), VIEW("@View"), QUERY("@Query"), CRON("@Cron");

  private final String annotation;

  MethodKind(String annotation) {
    this.annotation = annotation;
  }

  /** The annotation as written in source, for messages. */
  public String annotation() {
    return annotation;
  }

  /** Whether callers reach methods of this kind by name with request parameters. */
  public boolean isEndpoint() {
    return this == VIEW || this == QUERY;
  }
}
