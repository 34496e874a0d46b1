package io.geyserindexer.runtime.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), 2.0);

  @Test
  void growsExponentiallyUpToTheBound() {
    assertThat(backoff.ceilingOf(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.ceilingOf(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.ceilingOf(4)).isEqualTo(Duration.ofMillis(800));
    assertThat(backoff.ceilingOf(30)).isEqualTo(Duration.ofSeconds(5));
    assertThat(backoff.ceilingOf(10_000)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void jitterStaysBetweenHalfAndTheCeiling() {
    for (int attempt = 1; attempt < 12; attempt++) {
      Duration ceiling = backoff.ceilingOf(attempt);
      for (int i = 0; i < 200; i++) {
        assertThat(backoff.delay(attempt)).isBetween(ceiling.dividedBy(2), ceiling);
      }
    }
  }

  @Test
  void rejectsContradictions() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2))
        .hasMessageContaining("shorter than the initial");
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 2))
        .hasMessageContaining("positive");
  }
}
