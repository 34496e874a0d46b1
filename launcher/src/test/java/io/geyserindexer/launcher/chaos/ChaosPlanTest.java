package io.geyserindexer.launcher.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geyserindexer.launcher.chaos.ChaosPlan.Fault;
import io.geyserindexer.launcher.chaos.ChaosPlan.Kind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosPlanTest {

  private static final Duration WINDOW = Duration.ofSeconds(90);

  @Test
  void holdsTheIssuesFaultCountsInTimeOrderInsideTheWindow() {
    ChaosPlan plan = ChaosPlan.of(1, WINDOW, ChaosPlan.Counts.issueSix());
    assertThat(plan.countByKind())
        .containsEntry(Kind.KILL_PERSISTER, 10)
        .containsEntry(Kind.KILL_INGESTOR, 5)
        .containsEntry(Kind.RESTART_BROKER, 2)
        .containsEntry(Kind.CUT_DATABASE, 2)
        .containsEntry(Kind.RESTORE_DATABASE, 2)
        .containsEntry(Kind.CUT_STREAM, 20)
        .containsEntry(Kind.RESTORE_STREAM, 20);
    List<Duration> times = plan.faults().stream().map(Fault::at).toList();
    assertThat(times).isSorted();
    assertThat(times).allSatisfy(t -> assertThat(t).isBetween(Duration.ZERO, WINDOW));
  }

  @Test
  void databaseCutsLastFifteenSecondsAndNeverOverlap() {
    for (long seed = 0; seed < 50; seed++) {
      List<Fault> db =
          ChaosPlan.of(seed, WINDOW, ChaosPlan.Counts.issueSix()).faults().stream()
              .filter(f -> f.kind() == Kind.CUT_DATABASE || f.kind() == Kind.RESTORE_DATABASE)
              .toList();
      assertThat(db)
          .extracting(Fault::kind)
          .containsExactly(
              Kind.CUT_DATABASE, Kind.RESTORE_DATABASE, Kind.CUT_DATABASE, Kind.RESTORE_DATABASE);
      assertThat(db.get(1).at().minus(db.get(0).at())).isEqualTo(Duration.ofSeconds(15));
      assertThat(db.get(3).at().minus(db.get(2).at())).isEqualTo(Duration.ofSeconds(15));
    }
  }

  @Test
  void streamCutsNeverOverlapAndAreAllRestored() {
    for (long seed = 0; seed < 50; seed++) {
      List<Fault> faults = ChaosPlan.of(seed, WINDOW, ChaosPlan.Counts.issueSix()).faults();
      int open = 0;
      for (Fault f : faults) {
        if (f.kind() == Kind.CUT_STREAM) {
          open++;
          assertThat(open).as("cuts never overlap (seed %d)", seed).isEqualTo(1);
        } else if (f.kind() == Kind.RESTORE_STREAM) {
          open--;
          assertThat(open).isZero();
        }
      }
      assertThat(open).isZero();
    }
  }

  @Test
  void sameSeedSamePlanOtherSeedOtherPlan() {
    ChaosPlan.Counts counts = ChaosPlan.Counts.issueSix();
    assertThat(ChaosPlan.of(9, WINDOW, counts)).isEqualTo(ChaosPlan.of(9, WINDOW, counts));
    assertThat(ChaosPlan.of(10, WINDOW, counts)).isNotEqualTo(ChaosPlan.of(9, WINDOW, counts));
  }

  @Test
  void refusesAWindowTooShortForTheDatabaseCuts() {
    assertThatThrownBy(() -> ChaosPlan.of(1, Duration.ofSeconds(30), ChaosPlan.Counts.issueSix()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no room");
  }
}
