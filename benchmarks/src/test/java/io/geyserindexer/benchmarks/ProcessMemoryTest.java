package io.geyserindexer.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

  @Test
  void readsResidentSetAndHighWaterMarkFromProcStatus() {
    String status =
        """
        Name:\tjava
        State:\tS (sleeping)
        VmPeak:\t 3191320 kB
        VmSize:\t 3191320 kB
        VmHWM:\t  401234 kB
        VmRSS:\t  367104 kB
        Threads:\t42
        """;

    ProcessMemory memory = ProcessMemory.parse(status);

    assertThat(memory.rssKb()).isEqualTo(367_104);
    assertThat(memory.peakKb()).isEqualTo(401_234);
  }

  @Test
  void aStatusWithoutMemoryLinesIsAnError() {
    // A kernel thread's status has no Vm lines.
    assertThatThrownBy(() -> ProcessMemory.parse("Name:\tkworker/0:1\nState:\tI (idle)\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("VmRSS");
  }

  @Test
  void readsThisJvmsOwnStatus() {
    assertThat(ProcessMemory.of(ProcessHandle.current().pid()))
        .hasValueSatisfying(m -> assertThat(m.peakKb()).isGreaterThanOrEqualTo(m.rssKb()));
  }
}
