package dev.cellflow.batch.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy on loopback in front of the emulator, for faults the emulator does not make: it
 * can stop listening and start again on the same port (an endpoint that refuses connections, as
 * an S3 outage does), and answer the requests of one API action with an error of the service's
 * own form. Point one service at it with its own endpoint variable ({@code AWS_ENDPOINT_URL_S3},
 * ...) and the rest at the emulator. It counts the requests it forwards.
 */
public final class EmulatorProxy implements AutoCloseable {
  private static final Set<String> HOP = Set.of("host", "content-length", "connection", "expect",
      "upgrade", "transfer-encoding", "keep-alive");
  private final String target;
  private final HttpClient client = HttpClient.newHttpClient();
  private final AtomicInteger forwarded = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final int port;
  private HttpServer server;
  private volatile Intercept intercept = (ex, body) -> false;

  /** A request answered here instead of by the emulator. */
  @FunctionalInterface
  public interface Intercept {
    /** Answers {@code ex} (its body read as {@code body}) and says so, or leaves it: false. */
    boolean answered(HttpExchange ex, byte[] body) throws IOException;
  }

  /** A proxy to {@code target} ({@code http://127.0.0.1:PORT}), listening. */
  public EmulatorProxy(String target) throws IOException {
    this.target = target;
    this.server = listen(0);
    this.port = server.getAddress().getPort();
  }

  private HttpServer listen(int at) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", at), 0);
    s.setExecutor(Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "emulator-proxy");
      t.setDaemon(true);
      return t;
    }));
    s.createContext("/", ex -> {
      try {
        handle(ex);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        ex.close();
      }
    });
    s.start();
    return s;
  }

  /** Its endpoint URL. */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** How many requests it passed on. */
  public int forwarded() {
    return forwarded.get();
  }

  /** How many requests it answered itself ({@link #fail}, {@link #intercept}). */
  public int failed() {
    return refused.get();
  }

  /** Stops listening: connections to it are refused until {@link #listen}. */
  public synchronized void refuse() {
    server.stop(0);
  }

  /** Listens again, on the same port. */
  public synchronized void listen() throws IOException {
    server = listen(port);
  }

  /**
   * Answers every request of the JSON API action {@code action} (its {@code X-Amz-Target} ends
   * with it, e.g. {@code GetLogEvents}) with HTTP 400 and {@code __type} {@code type}.
   */
  public void fail(String action, String type, String message) {
    byte[] err = ("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    intercept((ex, body) -> {
      String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
      if (target == null || !target.endsWith("." + action)) {
        return false;
      }
      ex.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
      ex.sendResponseHeaders(400, err.length);
      ex.getResponseBody().write(err);
      return true;
    });
  }

  /** Answers the requests {@code i} takes here; the others go on to the emulator. */
  public void intercept(Intercept i) {
    intercept = i;
  }

  private void handle(HttpExchange ex) throws IOException, InterruptedException {
    byte[] body = ex.getRequestBody().readAllBytes();
    if (intercept.answered(ex, body)) {
      refused.incrementAndGet();
      return;
    }
    forwarded.incrementAndGet();
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(target + ex.getRequestURI()))
        .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    ex.getRequestHeaders().forEach((k, vs) -> {
      if (!HOP.contains(k.toLowerCase())) {
        vs.forEach(v -> req.header(k, v));
      }
    });
    HttpResponse<byte[]> resp = client.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
    resp.headers().map().forEach((k, vs) -> {
      if (!HOP.contains(k.toLowerCase()) && !k.startsWith(":")) {
        ex.getResponseHeaders().put(k, vs);
      }
    });
    boolean head = ex.getRequestMethod().equals("HEAD");
    if (head) {
      resp.headers().firstValue("content-length")
          .ifPresent(v -> ex.getResponseHeaders().add("Content-Length", v));
    }
    byte[] out = resp.body();
    ex.sendResponseHeaders(resp.statusCode(), head || out.length == 0 ? -1 : out.length);
    if (!head && out.length > 0) {
      try (OutputStream o = ex.getResponseBody()) {
        o.write(out);
      }
    }
  }

  @Override
  public synchronized void close() {
    server.stop(0);
  }
}
