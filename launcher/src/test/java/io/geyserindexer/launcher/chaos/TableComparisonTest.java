package io.geyserindexer.launcher.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TableComparisonTest {

  @Test
  void identicalRowsAllPass() {
    TableComparison c = TableComparison.of("slots", Set.of("1|a", "2|b"), List.of("2|b", "1|a"));
    assertThat(c.passed()).isEqualTo(2);
    assertThat(c.failed()).isZero();
    assertThat(c.summary(3)).startsWith("slots:          2 passed, 0 failed");
  }

  @Test
  void aWrongValueIsOneMissingAndOneUnexpectedRow() {
    TableComparison c = TableComparison.of("blocks", Set.of("1|a", "2|b"), List.of("1|a", "2|X"));
    assertThat(c.passed()).isEqualTo(1);
    assertThat(c.missing()).containsExactly("2|b");
    assertThat(c.unexpected()).containsExactly("2|X");
    assertThat(c.failed()).isEqualTo(2);
    assertThat(c.summary(5)).contains("missing    2|b").contains("unexpected 2|X");
  }

  @Test
  void missingRowsAndDuplicatesFail() {
    TableComparison c =
        TableComparison.of("transactions", Set.of("1", "2", "3"), List.of("1", "1", "2"));
    assertThat(c.passed()).isEqualTo(2);
    assertThat(c.missing()).containsExactly("3");
    assertThat(c.duplicated()).isEqualTo(1);
    assertThat(c.failed()).isEqualTo(2);
  }

  @Test
  void aTableAbsentFromTheDatabaseFailsEveryExpectedRow() {
    List<TableComparison> all =
        TableComparison.all(Map.of("accounts", Set.of("k|1"), "slots", Set.of()), Map.of());
    assertThat(all).extracting(TableComparison::table).containsExactly("accounts", "slots");
    assertThat(all.get(0).failed()).isEqualTo(1);
    assertThat(all.get(1).failed()).isZero();
  }
}
