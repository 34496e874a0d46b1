package io.geyserindexer.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {

  @Test
  void servesPrometheusTextAndHealth() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.counter("sample.events", "kind", "slot").increment(3);
    AtomicBoolean up = new AtomicBoolean(true);
    try (MetricsEndpoint endpoint =
        MetricsEndpoint.start(
            "127.0.0.1",
            0,
            registry,
            () -> new Health(up.get(), Map.of("stream", "connected", "last_update_age_ms", 12)))) {
      HttpClient client = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + endpoint.port();

      HttpResponse<String> metrics =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type"))
          .hasValue("text/plain; version=0.0.4; charset=utf-8");
      assertThat(metrics.body()).contains("sample_events_total{kind=\"slot\"} 3.0");

      HttpResponse<String> healthy =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(healthy.statusCode()).isEqualTo(200);
      assertThat(healthy.body())
          .isEqualTo(
              "{\"status\":\"UP\",\"details\":{\"last_update_age_ms\":12,\"stream\":\"connected\"}}");

      up.set(false);
      HttpResponse<String> down =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.body()).startsWith("{\"status\":\"DOWN\"");
    }
  }
}
