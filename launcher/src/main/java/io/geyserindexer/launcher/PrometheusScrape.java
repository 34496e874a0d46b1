package io.geyserindexer.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a process's {@code /metrics} and sums each metric's samples over their labels, which is all
 * the progress view needs (totals per stage, not per partition or table).
 */
final class PrometheusScrape {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private PrometheusScrape() {}

  /** Metric name to the sum of its samples; empty when the endpoint does not answer. */
  static Map<String, Double> totals(int port) {
    try {
      HttpResponse<String> response =
          CLIENT.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? parse(response.body()) : Map.of();
    } catch (Exception e) {
      return Map.of();
    }
  }

  static Map<String, Double> parse(String text) {
    Map<String, Double> totals = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      if (space < 0) {
        continue;
      }
      String series = line.substring(0, space);
      int brace = series.indexOf('{');
      String name = brace < 0 ? series : series.substring(0, brace);
      try {
        double value = Double.parseDouble(line.substring(space + 1));
        if (!Double.isNaN(value)) {
          totals.merge(name, value, Double::sum);
        }
      } catch (NumberFormatException ignored) {
        // A line that is not a sample (or a timestamped one) is not needed for progress.
      }
    }
    return totals;
  }

  /** True when the process answers on {@code /health}, up or down. */
  static boolean answers(int port) {
    try {
      HttpResponse<Void> response =
          CLIENT.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() > 0;
    } catch (Exception e) {
      return false;
    }
  }
}
