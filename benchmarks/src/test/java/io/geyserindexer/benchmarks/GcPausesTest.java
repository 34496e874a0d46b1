package io.geyserindexer.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcPausesTest {

  /** Lines as JDK 17's G1 writes them with {@code -Xlog:gc:file=...:time,uptime}. */
  private static final String LOG =
      """
      [2026-12-05T05:31:01.565+0000][0.006s] Using G1
      [2026-12-05T05:31:02.544+0000][0.984s] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 22M->5M(380M) 10.718ms
      [2026-12-05T05:31:29.895+0000][28.336s] GC(27) Pause Young (Normal) (G1 Evacuation Pause) 752M->401M(1348M) 447.291ms
      [2026-12-05T05:32:09.000+0000][69.100s] GC(66) Concurrent Mark Cycle 812.113ms
      [2026-12-05T05:32:09.655+0000][70.773s] GC(67) Pause Remark 174M->174M(297M) 99.793ms
      [2026-12-05T05:32:10.100+0000][71.200s] GC(68) Pause Full (G1 Compaction Pause) 500M->200M(512M) 1234.500ms
      """;

  @Test
  void countsStopTheWorldPausesOnlyNotConcurrentPhases() {
    GcPauses pauses = GcPauses.parse(LOG);

    assertThat(pauses.count()).isEqualTo(4);
    assertThat(pauses.totalMs()).isCloseTo(10.718 + 447.291 + 99.793 + 1234.5, within(1e-6));
    assertThat(pauses.longestMs()).isCloseTo(1234.5, within(1e-9));
  }

  @Test
  void readsTheLogFileAndIsEmptyWhenThereIsNone(@TempDir Path dir) throws Exception {
    Path log = Files.writeString(dir.resolve("gc.log"), LOG);

    assertThat(GcPauses.of(log)).contains(GcPauses.parse(LOG));
    assertThat(GcPauses.of(dir.resolve("missing.log"))).isEmpty();
  }
}
