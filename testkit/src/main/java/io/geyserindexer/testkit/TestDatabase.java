package io.geyserindexer.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A database of its own for one test class, on the shared PostgreSQL server; dropped on close so a
 * run leaves nothing behind and two runs never see each other's rows.
 */
public final class TestDatabase implements AutoCloseable {

  private final PostgresServer server;
  private final String name;
  private final String jdbcUrl;

  TestDatabase(PostgresServer server, String name) {
    this.server = server;
    this.name = name;
    this.jdbcUrl = server.jdbcUrl(name);
  }

  public String name() {
    return name;
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  public String user() {
    return server.user();
  }

  /** The password, or null for trust authentication. */
  public String password() {
    return server.password();
  }

  /** The server's host, for tests that put a proxy in front of it. */
  public String host() {
    return server.host();
  }

  public int port() {
    return server.port();
  }

  /** The JDBC URL of this database reached through another host and port (a proxy). */
  public String jdbcUrlVia(String host, int port) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + name;
  }

  public Connection connection() throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", server.user());
    if (server.password() != null) {
      props.setProperty("password", server.password());
    }
    return DriverManager.getConnection(jdbcUrl, props);
  }

  @Override
  public void close() {
    server.dropDatabase(name);
  }
}
