package io.geyserindexer.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A PostgreSQL server tests may create databases on, reached as an administrator through its
 * maintenance database.
 */
record PostgresServer(String host, int port, String adminDatabase, String user, String password) {

  String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  Connection adminConnection() throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    if (password != null) {
      props.setProperty("password", password);
    }
    props.setProperty("connectTimeout", "3");
    return DriverManager.getConnection(jdbcUrl(adminDatabase), props);
  }

  TestDatabase createDatabase(String name) {
    try (Connection connection = adminConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name + ": " + e, e);
    }
    return new TestDatabase(this, name);
  }

  void dropDatabase(String name) {
    try (Connection connection = adminConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop test database " + name + ": " + e, e);
    }
  }
}
