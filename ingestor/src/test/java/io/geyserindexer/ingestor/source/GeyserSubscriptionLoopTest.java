package io.geyserindexer.ingestor.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GeyserSubscriptionLoopTest {

  private static final Duration HEALTHY_AFTER = Duration.ofSeconds(60);

  @Test
  void failedConnectsClimbTheBackoff() {
    GeyserStream.Outcome refused =
        new GeyserStream.Outcome(Status.UNAVAILABLE, false, Duration.ofMillis(30), 0);
    assertThat(GeyserSubscriptionLoop.nextAttempt(0, refused, HEALTHY_AFTER)).isEqualTo(1);
    assertThat(GeyserSubscriptionLoop.nextAttempt(1, refused, HEALTHY_AFTER)).isEqualTo(2);
    assertThat(GeyserSubscriptionLoop.nextAttempt(6, refused, HEALTHY_AFTER)).isEqualTo(7);
  }

  @Test
  void aStreamThatCarriedMessagesReconnectsAtTheFirstStep() {
    // A server that drops a lagging subscriber after 20 s of data: waiting longer on every drop
    // would push the resume slot out of the server's replay window.
    GeyserStream.Outcome lagged =
        new GeyserStream.Outcome(
            Status.INTERNAL.withDescription("lagged"), false, Duration.ofSeconds(20), 180_000);
    assertThat(GeyserSubscriptionLoop.nextAttempt(5, lagged, HEALTHY_AFTER)).isEqualTo(1);
  }

  @Test
  void aSilentStreamThatLivedLongEnoughAlsoResets() {
    GeyserStream.Outcome quietButLong =
        new GeyserStream.Outcome(Status.UNAVAILABLE, true, Duration.ofSeconds(61), 0);
    assertThat(GeyserSubscriptionLoop.nextAttempt(4, quietButLong, HEALTHY_AFTER)).isEqualTo(1);
  }
}
