package io.geyserindexer.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettleRuleTest {

  /** Ticks one second apart at 10,000 events/s ingested. */
  private static PipelineSampler.Tick tick(int second, double lag, double streamDelayMs) {
    return new PipelineSampler.Tick(
        second,
        10_000.0 * second,
        PipelineSampler.Offered.NONE,
        10_000.0 * second - lag,
        lag,
        LatencyHistogram.EMPTY,
        0,
        0,
        0,
        new double[] {streamDelayMs},
        Map.of(),
        CpuTimes.UNKNOWN,
        Map.of());
  }

  private static List<Boolean> verdicts(double[][] lagAndDelay) {
    SettleRule rule = new SettleRule();
    List<PipelineSampler.Tick> ticks = new ArrayList<>();
    List<Boolean> verdicts = new ArrayList<>();
    for (int i = 0; i < lagAndDelay.length; i++) {
      ticks.add(tick(i, lagAndDelay[i][0], lagAndDelay[i][1]));
      verdicts.add(ticks.size() > 1 && rule.settledAfter(ticks));
    }
    return verdicts;
  }

  @Test
  void aSingleQuietSecondBetweenBurstsDoesNotSettle() {
    List<Boolean> verdicts =
        verdicts(
            new double[][] {
              {50_000, 3_000}, {40_000, 2_500}, {500, 200}, {60_000, 2_000}, {45_000, 1_800}
            });
    assertThat(verdicts).containsOnly(false);
  }

  @Test
  void settlesOnTheFifthCaughtUpSampleInARow() {
    List<Boolean> verdicts =
        verdicts(
            new double[][] {
              {50_000, 3_000}, {500, 200}, {400, 150}, {300, 120}, {200, 110}, {100, 105}
            });
    assertThat(verdicts).containsExactly(false, false, false, false, false, true);
  }

  @Test
  void aLiveKafkaLagIsNotEnoughWhileTheStreamStillDeliversLate() {
    List<Boolean> verdicts =
        verdicts(
            new double[][] {
              {50_000, 3_000},
              {500, 4_000},
              {400, 4_000},
              {300, 4_000},
              {200, 4_000},
              {100, 4_000},
              {100, 4_000}
            });
    assertThat(verdicts).containsOnly(false);
  }

  @Test
  void aLaggingSampleRestartsTheCount() {
    List<Boolean> verdicts =
        verdicts(
            new double[][] {
              {50_000, 3_000},
              {500, 200},
              {400, 150},
              {300, 120},
              {200, 110},
              {90_000, 900},
              {100, 105},
              {100, 105},
              {100, 105},
              {100, 105},
              {100, 105}
            });
    assertThat(verdicts.subList(0, 10)).containsOnly(false);
    assertThat(verdicts.get(10)).isTrue();
  }
}
