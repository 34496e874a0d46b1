package io.geyserindexer.persister.schema;

import io.geyserindexer.persister.config.DatabaseSettings;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the Flyway migrations in {@code db/migration}. Flyway holds a PostgreSQL advisory lock
 * while migrating, so several persister processes starting together migrate once.
 */
public final class SchemaMigrator {

  private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);

  private SchemaMigrator() {}

  /**
   * Migrates over connections of its own: Flyway holds one for its lock while migrating on another,
   * which a pool sized for the consumer threads could not always give.
   */
  public static void migrate(DatabaseSettings database) {
    MigrateResult result =
        Flyway.configure()
            .dataSource(database.jdbcUrl(), database.user(), database.password())
            // A persister may start while PostgreSQL is restarting or unreachable: wait for it
            // (1 s doubling to 10 s between tries, about ten minutes in all) instead of exiting.
            .connectRetries(60)
            .connectRetriesInterval(10)
            .locations("classpath:db/migration")
            .load()
            .migrate();
    log.info(
        "Schema at version {} ({} migrations applied now)",
        result.targetSchemaVersion == null
            ? result.initialSchemaVersion
            : result.targetSchemaVersion,
        result.migrationsExecuted);
  }
}
