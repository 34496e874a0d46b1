package io.geyserindexer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The last resort of the PostgreSQL resolution, exercised even where a local server answers (as it
 * does on CI): a bare machine with only a JDK and Maven gets a working embedded server.
 */
class EmbeddedPostgresFallbackIT {

  @Test
  void theEmbeddedServerTakesTestDatabases() throws Exception {
    PostgresServer embedded = SharedPostgres.startEmbedded();
    assertThat(embedded.port()).isNotEqualTo(5432);
    try (TestDatabase db = embedded.createDatabase(UniqueNames.sqlIdentifier("embedded"));
        Connection connection = db.connection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE t (v text)");
      statement.execute("INSERT INTO t VALUES ('🚀 embedded')");
      try (ResultSet rows = statement.executeQuery("SELECT v FROM t")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("🚀 embedded");
      }
    }
  }
}
