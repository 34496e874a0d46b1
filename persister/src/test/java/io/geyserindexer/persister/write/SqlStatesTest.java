package io.geyserindexer.persister.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class SqlStatesTest {

  private static SqlStates.Kind kind(String state) {
    return SqlStates.classify(new SQLException("x", state));
  }

  @Test
  void classifiesBySqlState() {
    assertThat(kind("08006")).isEqualTo(SqlStates.Kind.TRANSIENT);
    assertThat(kind("40001")).isEqualTo(SqlStates.Kind.TRANSIENT);
    assertThat(kind("40P01")).isEqualTo(SqlStates.Kind.TRANSIENT);
    assertThat(kind("57P01")).isEqualTo(SqlStates.Kind.TRANSIENT);
    assertThat(kind("23514")).isEqualTo(SqlStates.Kind.PERMANENT);
    assertThat(kind("22003")).isEqualTo(SqlStates.Kind.PERMANENT);
    assertThat(kind("42P01")).isEqualTo(SqlStates.Kind.FATAL);
    assertThat(kind(null)).isEqualTo(SqlStates.Kind.FATAL);
  }

  @Test
  void poolTimeoutWithoutStateIsTransientAndCausesAreFollowed() {
    assertThat(SqlStates.classify(new SQLTransientConnectionException("pool timeout")))
        .isEqualTo(SqlStates.Kind.TRANSIENT);
    assertThat(
            SqlStates.classify(new SQLException("wrapped", null, new SQLException("c", "08001"))))
        .isEqualTo(SqlStates.Kind.TRANSIENT);
  }
}
