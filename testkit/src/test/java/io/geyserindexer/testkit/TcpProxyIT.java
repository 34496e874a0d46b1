package io.geyserindexer.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TcpProxyIT {

  @Test
  void forwardsCutsRestoresAndDelays() throws Exception {
    try (TestDatabase db = SharedPostgres.createDatabase("proxy");
        TcpProxy proxy = TcpProxy.start(db.host(), db.port())) {
      String url = db.jdbcUrlVia(proxy.host(), proxy.port());

      try (Connection connection = connect(url, db)) {
        assertThat(selectOne(connection)).isEqualTo(1);
        proxy.cut();
        assertThatThrownBy(() -> selectOne(connection)).isInstanceOf(SQLException.class);
      }
      assertThatThrownBy(() -> connect(url, db)).isInstanceOf(SQLException.class);

      proxy.restore();
      proxy.latency(Duration.ofMillis(50));
      try (Connection connection = connect(url, db)) {
        long started = System.nanoTime();
        assertThat(selectOne(connection)).isEqualTo(1);
        // A query is at least one round trip: two one-way delays.
        assertThat(Duration.ofNanos(System.nanoTime() - started))
            .isGreaterThanOrEqualTo(Duration.ofMillis(100));
      }
    }
  }

  private static Connection connect(String url, TestDatabase db) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", db.user());
    props.setProperty("connectTimeout", "3");
    props.setProperty("socketTimeout", "5");
    return DriverManager.getConnection(url, props);
  }

  private static int selectOne(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT 1")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
