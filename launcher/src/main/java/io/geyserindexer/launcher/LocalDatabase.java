package io.geyserindexer.launcher;

import io.geyserindexer.runtime.config.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL the local run writes to: {@code DATABASE_URL} when given; else the server at
 * 127.0.0.1:5432 when one answers (database {@code geyser_indexer}, created when missing); else an
 * embedded PostgreSQL whose data stays in the local folder, so the next run continues.
 */
final class LocalDatabase implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalDatabase.class);
  static final String DATABASE = "geyser_indexer";

  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final EmbeddedPostgres embedded;

  private LocalDatabase(String jdbcUrl, String user, String password, EmbeddedPostgres embedded) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.embedded = embedded;
  }

  static LocalDatabase resolve(String databaseUrl, String user, String password, Path dataDir)
      throws IOException {
    if (databaseUrl != null && !databaseUrl.isBlank()) {
      DatabaseUrl parsed = DatabaseUrl.parse(databaseUrl);
      String effectiveUser = user != null ? user : parsed.user();
      String effectivePassword = password != null ? password : parsed.password();
      log.info("PostgreSQL: DATABASE_URL {}", parsed.jdbcUrl());
      return new LocalDatabase(parsed.jdbcUrl(), effectiveUser, effectivePassword, null);
    }
    if (ensureLocalDatabase()) {
      log.info("PostgreSQL: local server at 127.0.0.1:5432, database {}", DATABASE);
      return new LocalDatabase(
          "jdbc:postgresql://127.0.0.1:5432/" + DATABASE, "postgres", null, null);
    }
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir.resolve("postgres"))
            .setCleanDataDirectory(false)
            .start();
    try (Connection admin = postgres.getPostgresDatabase().getConnection()) {
      createIfMissing(admin);
    } catch (SQLException e) {
      postgres.close();
      throw new IOException("embedded PostgreSQL started but refused a database: " + e, e);
    }
    log.info(
        "PostgreSQL: nothing at 127.0.0.1:5432, embedded server on port {} with data in {}",
        postgres.getPort(),
        dataDir.resolve("postgres"));
    return new LocalDatabase(
        "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE,
        "postgres",
        null,
        postgres);
  }

  String jdbcUrl() {
    return jdbcUrl;
  }

  String user() {
    return user;
  }

  String password() {
    return password;
  }

  Connection connect() throws SQLException {
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    props.setProperty("connectTimeout", "3");
    return DriverManager.getConnection(jdbcUrl, props);
  }

  private static boolean ensureLocalDatabase() {
    Properties props = new Properties();
    props.setProperty("user", "postgres");
    props.setProperty("connectTimeout", "2");
    try (Connection admin =
        DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", props)) {
      createIfMissing(admin);
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  private static void createIfMissing(Connection admin) throws SQLException {
    try (PreparedStatement exists =
        admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, DATABASE);
      try (ResultSet rows = exists.executeQuery()) {
        if (rows.next()) {
          return;
        }
      }
    }
    try (Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + DATABASE);
    }
  }

  @Override
  public void close() throws IOException {
    if (embedded != null) {
      embedded.close();
    }
  }
}
