package org.anserv.gateway.dashboard;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium driven over the Chrome DevTools protocol, for what a one-shot DOM dump cannot show: how a page
 * changes over real time (a progress page, then the view), and the inside of a sandboxed frame. Frames stay in the
 * page's process (site isolation off), so an isolated world of the frame reads its DOM.
 */
final class DevTools implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final long CALL_TIMEOUT_MS = 15_000;

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonObject>> waiting = new ConcurrentHashMap<>();

  private DevTools(Process process, URI endpoint) throws InterruptedException, ExecutionException, TimeoutException {
    this.process = process;
    this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(endpoint, new Listener())
        .get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  /** Starts Chromium with a throw-away profile under {@code profile}. */
  static DevTools launch(Path profile) throws Exception {
    Files.createDirectories(profile);
    List<String> command = new ArrayList<>(List.of(HeadlessChromium.BINARY.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars",
        "--disable-site-isolation-trials", "--disable-features=IsolateSandboxedIframes,site-per-process",
        "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    CompletableFuture<URI> endpoint = new CompletableFuture<>();
    Thread drain = new Thread(() -> readLog(process, endpoint), "chromium-log");
    drain.setDaemon(true);
    drain.start();
    try {
      return new DevTools(process, endpoint.get(30, TimeUnit.SECONDS));
    } catch (TimeoutException | ExecutionException e) {
      process.destroyForcibly();
      throw new AssertionError("chromium did not open its DevTools endpoint within 30 s", e);
    }
  }

  // Chromium stops when its output pipe fills, so the log is read to the end.
  private static void readLog(Process process, CompletableFuture<URI> endpoint) {
    try (BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = log.readLine(); line != null; line = log.readLine()) {
        Matcher listening = LISTENING.matcher(line);
        if (listening.find()) {
          endpoint.complete(URI.create(listening.group(1)));
        }
        if (System.getProperty("chromium.debug") != null) {
          System.out.println(line);
        }
      }
    } catch (IOException e) {
      endpoint.completeExceptionally(e);
    }
    endpoint.completeExceptionally(new IOException("chromium exited"));
  }

  /** Opens {@code url} in a new tab. */
  Tab open(String url) {
    String target = call(null, "Target.createTarget", new JsonObject().put("url", url)).getString("targetId");
    String session = call(null, "Target.attachToTarget", new JsonObject().put("targetId", target)
        .put("flatten", true)).getString("sessionId");
    return new Tab(session);
  }

  private JsonObject call(String session, String method, JsonObject params) {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonObject> answer = new CompletableFuture<>();
    waiting.put(id, answer);
    JsonObject message = new JsonObject().put("id", id).put("method", method).put("params", params);
    if (session != null) {
      message.put("sessionId", session);
    }
    socket.sendText(message.encode(), true).join();
    JsonObject response;
    try {
      response = answer.get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new AssertionError("No answer from chromium to " + method, e);
    } finally {
      waiting.remove(id);
    }
    if (response.containsKey("error")) {
      throw new IllegalStateException(method + " failed: " + response.getJsonObject("error").encode());
    }
    return response.getJsonObject("result", new JsonObject());
  }

  // Chromium's helper processes outlive a killed browser and keep writing the profile: close it, then wait for all.
  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> helpers = process.descendants().toList();
    socket.sendText(new JsonObject().put("id", ids.incrementAndGet()).put("method", "Browser.close").encode(), true);
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    socket.abort();
    for (ProcessHandle helper : helpers) {
      try {
        helper.onExit().get(10, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        helper.destroyForcibly();
      }
    }
  }

  /** One tab. */
  final class Tab {

    private final String session;

    private Tab(String session) {
      this.session = session;
    }

    /** The value of {@code expression} in the page. */
    Object evaluate(String expression) {
      return value(call(session, "Runtime.evaluate", new JsonObject().put("expression", expression)
          .put("returnByValue", true)));
    }

    /**
     * The value of {@code expression} in the page's first frame, or {@code null} while it has none or is between
     * documents.
     */
    Object evaluateInFrame(String expression) {
      try {
        JsonArray children = call(session, "Page.getFrameTree", new JsonObject()).getJsonObject("frameTree")
            .getJsonArray("childFrames");
        if (children == null || children.isEmpty()) {
          return null;
        }
        String frame = children.getJsonObject(0).getJsonObject("frame").getString("id");
        int context = call(session, "Page.createIsolatedWorld", new JsonObject().put("frameId", frame)
            .put("worldName", "test")).getInteger("executionContextId");
        return value(call(session, "Runtime.evaluate", new JsonObject().put("expression", expression)
            .put("contextId", context).put("returnByValue", true)));
      } catch (IllegalStateException navigating) {
        return null;
      }
    }

    /** The first non-null value of {@code probe}, tried every 50 ms for at most {@code seconds}. */
    Object await(Supplier<Object> probe, int seconds, String what) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < deadline) {
        Object value = probe.get();
        if (value != null) {
          return value;
        }
        Thread.sleep(50);
      }
      throw new AssertionError("Within " + seconds + " s the page never showed " + what);
    }

    /** Writes a PNG of what the tab shows, {@code width} × {@code height}. */
    void screenshot(Path png, int width, int height) throws IOException {
      call(session, "Emulation.setDeviceMetricsOverride", new JsonObject().put("width", width).put("height", height)
          .put("deviceScaleFactor", 1).put("mobile", false));
      String data = call(session, "Page.captureScreenshot", new JsonObject().put("format", "png")).getString("data");
      Files.createDirectories(png.toAbsolutePath().getParent());
      Files.write(png, Base64.getDecoder().decode(data));
    }

    private Object value(JsonObject evaluated) {
      if (evaluated.containsKey("exceptionDetails")) {
        throw new IllegalStateException("The expression threw: " + evaluated.getJsonObject("exceptionDetails")
            .encode());
      }
      return evaluated.getJsonObject("result").getValue("value");
    }
  }

  private final class Listener implements WebSocket.Listener {

    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        JsonObject message = new JsonObject(text.toString());
        text.setLength(0);
        CompletableFuture<JsonObject> answer = message.containsKey("id") ? waiting.get(message.getInteger("id"))
            : null;
        if (answer != null) {
          answer.complete(message);
        }
      }
      webSocket.request(1);
      return null;
    }
  }
}
