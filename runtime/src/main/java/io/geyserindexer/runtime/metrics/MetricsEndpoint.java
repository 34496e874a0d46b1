package io.geyserindexer.runtime.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /metrics} (Prometheus text format) and {@code /health} (JSON; 200 when up, 503 when
 * down) on one port with the JDK's HTTP server. Port 0 picks a free port; {@link #port()} tells
 * which.
 */
public final class MetricsEndpoint implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MetricsEndpoint.class);
  private static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsEndpoint(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Binds {@code host:port} and starts serving.
   *
   * @throws IOException when the port is taken
   */
  public static MetricsEndpoint start(
      String host, int port, PrometheusMeterRegistry registry, Supplier<Health> health)
      throws IOException {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 16);
    } catch (IOException e) {
      throw new IOException(
          "cannot serve metrics on " + host + ":" + port + " (" + e.getMessage() + ")", e);
    }
    server.createContext(
        "/metrics", exchange -> respond(exchange, 200, PROMETHEUS_CONTENT_TYPE, registry.scrape()));
    server.createContext(
        "/health",
        exchange -> {
          Health status = health.get();
          respond(
              exchange, status.up() ? 200 : 503, "application/json; charset=utf-8", json(status));
        });
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread thread = new Thread(r, "metrics-http");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.start();
    MetricsEndpoint endpoint = new MetricsEndpoint(server, executor);
    log.info("Metrics at http://{}:{}/metrics, health at /health", host, endpoint.port());
    return endpoint;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static void respond(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static String json(Health health) {
    StringBuilder out = new StringBuilder("{\"status\":\"").append(health.up() ? "UP" : "DOWN");
    out.append("\",\"details\":{");
    boolean first = true;
    for (Map.Entry<String, Object> entry : new TreeMap<>(health.details()).entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      out.append('"').append(escape(entry.getKey())).append("\":");
      Object value = entry.getValue();
      if (value instanceof Number || value instanceof Boolean) {
        out.append(value);
      } else {
        out.append('"').append(escape(String.valueOf(value))).append('"');
      }
    }
    return out.append("}}").toString();
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
