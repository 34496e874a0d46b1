package io.geyserindexer.benchmarks;

import io.geyserindexer.testkit.EmbeddedKafkaBroker;
import io.geyserindexer.testkit.SharedPostgres;
import io.geyserindexer.testkit.TestDatabase;
import java.nio.file.Path;

/**
 * What one benchmark run measures on: a real broker of its own and a database of its own on the
 * machine's PostgreSQL (dropped at the end), plus the checkout holding the processes' jars.
 */
final class Workspace implements AutoCloseable {

  final Path home;
  final Path logs;
  final EmbeddedKafkaBroker kafka;
  final TestDatabase database;

  Workspace(Path home) {
    this.home = home;
    this.logs = home.resolve("benchmarks/target/logs");
    this.kafka = EmbeddedKafkaBroker.start();
    this.database = SharedPostgres.createDatabase("bench");
  }

  @Override
  public void close() {
    database.close();
    kafka.close();
  }
}
