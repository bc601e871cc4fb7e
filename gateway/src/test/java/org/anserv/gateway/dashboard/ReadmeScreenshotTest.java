package org.anserv.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.anserv.demo.DemoSpec;
import org.anserv.gateway.AnservServer;
import org.anserv.gateway.demo.DemoLoader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's picture of the dashboard: the standard modules only (no test fixtures) on a small demo world, as
 * Chromium shows it. Always written to {@code target/screenshots/readme-dashboard.png}; with
 * {@code -Danserv.docs.screenshot=true} also to the repository's {@code docs/dashboard.png}, to be committed.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ReadmeScreenshotTest {

  private static final Path SHOT = Path.of("target", "screenshots", "readme-dashboard.png");
  private static final Path DOCS = Path.of("..", "docs", "dashboard.png");

  @Test
  void picturesTheDashboardOnADemoWorld(@TempDir Path data, @TempDir Path profiles) throws Exception {
    Assumptions.assumeTrue(HeadlessChromium.installed(), "No headless browser at " + HeadlessChromium.BINARY
        + ": install the Debian package 'chromium' to picture the dashboard.");
    Vertx vertx = Vertx.vertx();
    JsonObject config = new JsonObject().put("http.port", 0).put("http.instances", 1)
        .put("mongo.embedded.storage", "memory").put("data.dir", data.toString()).put("log.durability", "process")
        .put("modules.discover", false).put("security.enabled", false);
    AnservServer server = AnservServer.start(vertx, config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
        .await(60, TimeUnit.SECONDS);
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultPort(server.port())
        .setDefaultHost("127.0.0.1"));
    try {
      for (Class<?> module : standardModules()) {
        server.runtime().deploy(module).await(30, TimeUnit.SECONDS);
      }
      DemoLoader demo = DemoLoader.of(new DemoSpec(42, 2, 60, 14, LocalDate.of(2026, 1, 5)), data);
      demo.streamEvents(URI.create("http://127.0.0.1:" + server.port() + "/events"),
          new PrintStream(OutputStream.nullOutputStream()));
      String events = demo.truth().getLong("events").toString();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!events.equals(body(client, "/queries/counts/total")) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(body(client, "/queries/counts/total")).isEqualTo(events);

      new HeadlessChromium(profiles).screenshot("http://127.0.0.1:" + server.port()
          + "/modules/counts/views/overview", SHOT, 1280, 860);
      assertThat(Files.size(SHOT)).isGreaterThan(20_000);
      if (Boolean.getBoolean("anserv.docs.screenshot") && Files.isDirectory(DOCS.getParent())) {
        Files.copy(SHOT, DOCS, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      server.close().await(30, TimeUnit.SECONDS);
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** The modules the server ships: every module list on the class path except the tests' own. */
  private static List<Class<?>> standardModules() throws Exception {
    List<Class<?>> modules = new ArrayList<>();
    ClassLoader loader = ReadmeScreenshotTest.class.getClassLoader();
    for (URL list : Collections.list(loader.getResources("META-INF/anserv/modules"))) {
      if (list.getPath().contains("/test-classes/")) {
        continue;
      }
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(list.openStream(),
          StandardCharsets.UTF_8))) {
        for (String line : lines.lines().map(String::strip).toList()) {
          if (!line.isEmpty() && !line.startsWith("#")) {
            modules.add(loader.loadClass(line));
          }
        }
      }
    }
    assertThat(modules).as("the standard modules").isNotEmpty();
    return modules;
  }

  private static String body(WebClient client, String path) throws Exception {
    return client.get(path).send().await(30, TimeUnit.SECONDS).bodyAsString();
  }
}
