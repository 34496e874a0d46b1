package io.geyserindexer.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CpuTimesTest {

  private static String stat(long user, long idle, long iowait, long steal) {
    return "cpu  "
        + user
        + " 0 100 "
        + idle
        + " "
        + iowait
        + " 10 5 "
        + steal
        + " 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\nintr 12345\n";
  }

  @Test
  void sharesOfASecondComeFromTheDeltasOfTheFirstLine() {
    CpuTimes before = CpuTimes.parse(stat(1_000, 5_000, 50, 2));
    CpuTimes after = CpuTimes.parse(stat(1_120, 5_060, 60, 12));

    double[] percent = after.percentSince(before);

    // 200 ticks passed: 120 busy, 60 idle, 10 I/O wait, 10 stolen.
    assertThat(percent[0]).isCloseTo(60.0, within(1e-9));
    assertThat(percent[1]).isCloseTo(5.0, within(1e-9));
    assertThat(percent[2]).isCloseTo(5.0, within(1e-9));
  }

  @Test
  void anUnknownReadingGivesNoFigures() {
    CpuTimes now = CpuTimes.parse(stat(1_120, 5_060, 60, 12));

    assertThat(now.percentSince(CpuTimes.UNKNOWN)).containsOnly(Double.NaN);
    assertThat(now.percentSince(now)).containsOnly(Double.NaN);
  }

  @Test
  void rejectsTextThatIsNotProcStat() {
    assertThatThrownBy(() -> CpuTimes.parse("MemTotal: 1 kB\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a /proc/stat cpu line");
  }
}
