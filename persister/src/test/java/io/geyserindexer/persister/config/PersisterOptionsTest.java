package io.geyserindexer.persister.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geyserindexer.runtime.config.EnvironmentDefaultProvider;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class PersisterOptionsTest {

  @Command(name = "test")
  static final class Holder {
    @Mixin PersisterOptions options = new PersisterOptions();
  }

  private static PersisterConfig load(Map<String, String> env, String... args) {
    Holder holder = new Holder();
    CommandLine commandLine = new CommandLine(holder);
    commandLine.setDefaultValueProvider(new EnvironmentDefaultProvider(env, Map.of()));
    commandLine.parseArgs(args);
    return holder.options.load(env);
  }

  private static Map<String, String> minimal() {
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", "postgresql://alice:s3cret@db.example:5433/chain?sslmode=require");
    env.put("KAFKA_BOOTSTRAP_SERVERS", "k1:9092");
    return env;
  }

  @Test
  void defaultsAndLibpqUrlForm() {
    PersisterConfig config = load(minimal());
    assertThat(config.database().jdbcUrl())
        .isEqualTo("jdbc:postgresql://db.example:5433/chain?sslmode=require");
    assertThat(config.database().user()).isEqualTo("alice");
    assertThat(config.database().password()).isEqualTo("s3cret");
    assertThat(config.kafka().groupId()).isEqualTo("geyser-persister");
    assertThat(config.kafka().topics())
        .containsExactly("solana.slots", "solana.blocks", "solana.transactions", "solana.accounts");
    assertThat(config.maxPollRecords()).isEqualTo(50);
    assertThat(config.threads()).isEqualTo(1);
    assertThat(config.runMigrations()).isTrue();
  }

  @Test
  void envAndFlagsOverrideAndPassThroughByPrefix() {
    Map<String, String> env = minimal();
    env.put("DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    env.put("DATABASE_USER", "postgres");
    env.put("TOPIC_PREFIX", "devnet");
    env.put("PERSISTER_GROUP_ID", "g1");
    env.put("MAX_POLL_RECORDS", "500");
    env.put("KAFKA_CONSUMER_FETCH_MAX_BYTES", "1048576");
    env.put("RUN_MIGRATIONS", "false");
    PersisterConfig config =
        load(env, "--threads", "4", "--consumer-property", "session.timeout.ms=20000");
    assertThat(config.kafka().topics()).first().isEqualTo("devnet.slots");
    assertThat(config.kafka().groupId()).isEqualTo("g1");
    assertThat(config.maxPollRecords()).isEqualTo(500);
    assertThat(config.threads()).isEqualTo(4);
    assertThat(config.runMigrations()).isFalse();
    assertThat(config.consumerProperties())
        .containsEntry("fetch.max.bytes", "1048576")
        .containsEntry("session.timeout.ms", "20000");
  }

  @Test
  void invalidSettingsNameTheSetting() {
    Map<String, String> env = minimal();
    env.remove("DATABASE_URL");
    assertThatThrownBy(() -> load(env)).hasMessageStartingWith("invalid setting DATABASE_URL");
    Map<String, String> noKafka = minimal();
    noKafka.remove("KAFKA_BOOTSTRAP_SERVERS");
    assertThatThrownBy(() -> load(noKafka))
        .hasMessageStartingWith("invalid setting KAFKA_BOOTSTRAP_SERVERS");
    assertThatThrownBy(() -> load(minimal(), "--max-poll-records", "0"))
        .hasMessageStartingWith("invalid setting MAX_POLL_RECORDS");
    Map<String, String> autoCommit = minimal();
    autoCommit.put("KAFKA_CONSUMER_ENABLE_AUTO_COMMIT", "true");
    assertThatThrownBy(() -> load(autoCommit))
        .hasMessageStartingWith("invalid setting KAFKA_CONSUMER_ENABLE_AUTO_COMMIT");
    assertThatThrownBy(() -> load(minimal(), "--topics", "slots,nope"))
        .hasMessageStartingWith("invalid setting TOPICS");
  }

  @Test
  void describedConfigNeverShowsThePassword() {
    String rendered =
        io.geyserindexer.runtime.config.EffectiveConfig.render("c", load(minimal()).describe());
    assertThat(rendered).doesNotContain("s3cret").contains("DATABASE_PASSWORD = ******");
  }
}
