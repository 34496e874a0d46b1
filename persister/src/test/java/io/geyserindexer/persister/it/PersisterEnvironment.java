package io.geyserindexer.persister.it;

import io.geyserindexer.testkit.SharedKafka;
import io.geyserindexer.testkit.TestDatabase;
import java.util.HashMap;
import java.util.Map;

/** The settings every persister under test needs: its database, broker, topics and group. */
final class PersisterEnvironment {

  private PersisterEnvironment() {}

  static Map<String, String> of(TestDatabase db, String jdbcUrl, String prefix, String group) {
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", jdbcUrl);
    env.put("DATABASE_USER", db.user());
    if (db.password() != null) {
      env.put("DATABASE_PASSWORD", db.password());
    }
    env.put("KAFKA_BOOTSTRAP_SERVERS", SharedKafka.bootstrapServers());
    env.put("TOPIC_PREFIX", prefix);
    env.put("PERSISTER_GROUP_ID", group);
    // Members that die are noticed within seconds, so a restarted or second process takes over.
    env.put("KAFKA_CONSUMER_SESSION_TIMEOUT_MS", "10000");
    return env;
  }
}
