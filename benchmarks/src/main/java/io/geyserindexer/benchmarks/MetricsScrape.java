package io.geyserindexer.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Reads a process's {@code /metrics} on the loopback interface. */
final class MetricsScrape {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final URI uri;

  MetricsScrape(int port) {
    this.uri = URI.create("http://127.0.0.1:" + port + "/metrics");
  }

  /** The current scrape, or empty while the endpoint is not up (or answers with an error). */
  Optional<PrometheusText> scrape() throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET().build();
    try {
      HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200
          ? Optional.of(PrometheusText.parse(response.body()))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
