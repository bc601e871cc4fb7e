package org.anserv.gateway.dashboard;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A module that failed to deploy, as the dashboard shows it.
 *
 * @param source its class or jar
 * @param problems every problem found, each saying what to fix
 */
record DeployFailure(String name, String source, List<String> problems, String href) {

  static DeployFailure of(JsonObject failure) {
    String name = failure.getString("name");
    List<String> problems = failure.getJsonArray("problems").stream().map(String::valueOf).toList();
    return new DeployFailure(name, failure.getString("source", ""), problems, Paths.modulePage(name));
  }
}
