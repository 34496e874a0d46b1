package io.geyserindexer.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  private static final String SCRAPE =
      """
      # HELP ingestor_produce_acknowledged_total Events acknowledged
      # TYPE ingestor_produce_acknowledged_total counter
      ingestor_produce_acknowledged_total{topic="accounts"} 1200.0
      ingestor_produce_acknowledged_total{topic="transactions"} 300.0
      ingestor_produce_acknowledged_total{topic="entries"} 7.0
      ingestor_stream_reconnects_total 2.0
      persister_event_latency_seconds_bucket{le="0.5",} 4.0
      persister_event_latency_seconds_bucket{le="+Inf",} 5.0
      odd_label{path="a \\"quoted\\" \\\\ back, slash",kind="x"} 1.5e3 1700000000000
      not_a_number NaN
      """;

  @Test
  void sumsEverySeriesOfAName() {
    PrometheusText text = PrometheusText.parse(SCRAPE);

    assertThat(text.sum("ingestor_produce_acknowledged_total")).isEqualTo(1507.0);
    assertThat(text.sum("ingestor_stream_reconnects_total")).isEqualTo(2.0);
    assertThat(text.sum("absent_total")).isZero();
    assertThat(text.has("absent_total")).isFalse();
  }

  @Test
  void sumsOnlyTheSeriesWhoseLabelsPass() {
    PrometheusText text = PrometheusText.parse(SCRAPE);

    double persisted =
        text.sum(
            "ingestor_produce_acknowledged_total",
            labels -> !"entries".equals(labels.get("topic")));

    assertThat(persisted).isEqualTo(1500.0);
  }

  @Test
  void readsQuotedLabelValuesWithEscapesTrailingCommasAndTimestamps() {
    PrometheusText text = PrometheusText.parse(SCRAPE);

    assertThat(text.samples("odd_label"))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.labels())
                  .isEqualTo(Map.of("path", "a \"quoted\" \\ back, slash", "kind", "x"));
              assertThat(s.value()).isEqualTo(1500.0);
            });
    assertThat(text.samples("persister_event_latency_seconds_bucket"))
        .extracting(s -> s.labels().get("le"))
        .containsExactly("0.5", "+Inf");
    assertThat(text.samples("not_a_number").get(0).value()).isNaN();
  }

  @Test
  void rejectsALineWithoutAValueNamingIt() {
    assertThatThrownBy(() -> PrometheusText.parse("ok 1\nbroken{le=\"1\"}\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2");
  }
}
