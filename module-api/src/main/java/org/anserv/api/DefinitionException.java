package org.anserv.api;

import java.util.List;

/**
 * A module definition the runtime cannot deploy. The message lists every problem found, each naming the module, the
 * method and the fix; the module is skipped and the rest of the system starts.
 */
public class DefinitionException extends RuntimeException {

  private final String module;
  private final List<String> problems;

  /** An exception reporting {@code problems} of {@code module}. */
  public DefinitionException(String module, List<String> problems) {
    super(format(module, problems));
    this.module = module;
    this.problems = List.copyOf(problems);
  }

  /** The module's name (guessed from its class when it has none). */
  public String module() {
    return module;
  }

  /** Each problem, one sentence or two. */
  public List<String> problems() {
    return problems;
  }

  private static String format(String module, List<String> problems) {
    StringBuilder message = new StringBuilder("Module '").append(module).append("' cannot be deployed: ")
        .append(problems.size()).append(problems.size() == 1 ? " problem." : " problems.");
    problems.forEach(p -> message.append("\n  - ").append(p));
    return message.toString();
  }
}
