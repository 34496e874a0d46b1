package io.geyserindexer.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HeapWatchTest {

  private static final String HEADER =
      " S0C    S1C    S0U    S1U      EC       EU        OC         OU       MC     MU    CCSC"
          + "   CCSU   YGC     YGCT    FGC    FGCT    CGC    CGCT     GCT   ";

  @Test
  void usedHeapIsSurvivorEdenAndOldUsed() {
    String line =
        "   0.0 4096.0   0.0  4000.5 126976.0  20480.0   131072.0    1234.5  40000.0 39000.0"
            + " 5000.0 4800.0     12    0.100     0    0.000     4    0.010    0.110";

    assertThat(HeapWatch.usedKb(HEADER, line)).isEqualTo(Math.round(4000.5 + 20480.0 + 1234.5));
  }

  @Test
  void aLineThatDoesNotFitTheHeaderIsAnError() {
    assertThatThrownBy(() -> HeapWatch.usedKb(HEADER, "1.0 2.0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fields");
  }
}
