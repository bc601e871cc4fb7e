package org.anserv.gateway.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** The dashboard's addresses, built in one place so links and routes cannot drift apart. */
final class Paths {

  static final String HOME = "/";
  static final String MODULE_ROUTE = "/modules/:module";
  static final String VIEW_ROUTE = "/modules/:module/views/:view";
  static final String STATS_ROUTE = "/modules/:module/stats";
  static final String LOGIN = "/login";
  static final String LOGOUT = "/logout";

  private Paths() {
  }

  static String modulePage(String module) {
    return "/modules/" + encode(module);
  }

  static String viewPage(String module, String view) {
    return modulePage(module) + "/views/" + encode(view);
  }

  static String stats(String module) {
    return modulePage(module) + "/stats";
  }

  /** The view's own HTML, shown in the dashboard's frame. */
  static String view(String module, String view, Map<String, String> params) {
    return "/views/" + encode(module) + "/" + encode(view) + query(params);
  }

  static String query(String module, String query) {
    return "/queries/" + encode(module) + "/" + encode(query);
  }

  private static String query(Map<String, String> params) {
    if (params.isEmpty()) {
      return "";
    }
    return params.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&", "?", ""));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
