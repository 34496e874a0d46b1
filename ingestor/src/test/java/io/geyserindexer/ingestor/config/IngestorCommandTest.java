package io.geyserindexer.ingestor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geyserindexer.ingestor.buffer.OverflowPolicy;
import io.geyserindexer.proto.geyser.CommitmentLevel;
import io.geyserindexer.proto.geyser.SubscribeRequest;
import io.geyserindexer.runtime.config.EnvironmentDefaultProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class IngestorCommandTest {

  private static final String TOKEN_PROGRAM = "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA";

  private static IngestorConfig load(Map<String, String> env, String... args) {
    IngestorCommand command = new IngestorCommand();
    new CommandLine(command)
        .setDefaultValueProvider(new EnvironmentDefaultProvider(env, Map.of()))
        .parseArgs(args);
    return command.toConfig(env);
  }

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("GEYSER_ENDPOINT", "https://geyser.example:443");
    env.put("KAFKA_BOOTSTRAP_SERVERS", "k:9092");
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void defaultsAskForTheWholeChainAtConfirmed() {
    IngestorConfig config = load(env());
    SubscribeRequest s = config.subscription();
    assertThat(s.getCommitment()).isEqualTo(CommitmentLevel.CONFIRMED);
    assertThat(s.getAccountsMap()).containsOnlyKeys("accounts");
    assertThat(s.getAccountsOrThrow("accounts").getAccountCount()).isZero();
    assertThat(s.getTransactionsOrThrow("transactions").hasVote()).isFalse();
    assertThat(s.getSlotsMap()).containsKey("slots");
    assertThat(s.getBlocksMetaMap()).containsKey("blocks_meta");
    assertThat(config.queue()).isEqualTo(new QueueConfig(1000, OverflowPolicy.BLOCK));
    assertThat(config.kafka().topicPrefix()).isEqualTo("solana");
    assertThat(config.geyser().maxInboundMessageBytes()).isEqualTo(64 * 1024 * 1024);
    assertThat(config.geyser().silenceTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.geyser().liveStart()).isFalse();
  }

  @Test
  void simpleVariablesBuildTheSubscriptionAndProducerPropertiesPassThrough() {
    IngestorConfig config =
        load(
            env(
                "GEYSER_SUBSCRIBE", "accounts,transactions",
                "GEYSER_ACCOUNT_OWNERS", TOKEN_PROGRAM,
                "GEYSER_TX_ACCOUNT_INCLUDE", TOKEN_PROGRAM,
                "GEYSER_TX_VOTE", "false",
                "GEYSER_COMMITMENT", "finalized",
                "GEYSER_X_TOKEN", "top-secret",
                "KAFKA_PRODUCER_LINGER_MS", "20"),
            "--live-start");
    SubscribeRequest s = config.subscription();
    assertThat(s.getCommitment()).isEqualTo(CommitmentLevel.FINALIZED);
    assertThat(s.getAccountsOrThrow("accounts").getOwnerList()).containsExactly(TOKEN_PROGRAM);
    assertThat(s.getTransactionsOrThrow("transactions").getVote()).isFalse();
    assertThat(s.getTransactionsOrThrow("transactions").hasFailed()).isFalse();
    assertThat(s.getSlotsCount()).isZero();
    assertThat(config.kafka().producerProperties()).containsEntry("linger.ms", "20");
    assertThat(config.geyser().liveStart()).isTrue();
    assertThat(config.geyser().toString()).doesNotContain("top-secret");
    assertThat(new IngestorCommand().printable(config).toString()).contains("top-secret");
  }

  @Test
  void badValuesNameTheSetting() {
    assertThatThrownBy(() -> load(env("GEYSER_COMMITMENT", "soon")))
        .hasMessageContaining("GEYSER_COMMITMENT");
    assertThatThrownBy(() -> load(env("GEYSER_ACCOUNTS", "not-base58!")))
        .hasMessageContaining("GEYSER_ACCOUNTS");
    assertThatThrownBy(() -> load(env("GEYSER_ENDPOINT", "ftp://x")))
        .hasMessageContaining("GEYSER_ENDPOINT");
    assertThatThrownBy(() -> load(env("QUEUE_POLICY", "maybe")))
        .hasMessageContaining("QUEUE_POLICY");
    assertThatThrownBy(() -> load(env("QUEUE_CAPACITY", "0")))
        .hasMessageContaining("QUEUE_CAPACITY");
    assertThatThrownBy(() -> load(env("GEYSER_SILENCE_TIMEOUT", "soon")))
        .hasMessageContaining("GEYSER_SILENCE_TIMEOUT");
    assertThatThrownBy(() -> load(env("GEYSER_SUBSCRIBE", "blocks")))
        .hasMessageContaining("GEYSER_SUBSCRIBE");
    assertThatThrownBy(() -> load(env("KAFKA_PRODUCER_ACKS", "1"))).hasMessageContaining("acks");
    Map<String, String> noKafka = env();
    noKafka.remove("KAFKA_BOOTSTRAP_SERVERS");
    assertThatThrownBy(() -> load(noKafka)).hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
  }

  @Test
  void yamlSubscriptionFileExpressesEveryFilter(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sub.yaml");
    Files.writeString(
        file,
        """
        commitment: processed
        accounts:
          tokens:
            owner: [%s]
            nonempty_txn_signature: true
            filters:
              - datasize: 165
              - memcmp: {offset: 32, base58: %s}
              - token_account_state: true
              - lamports: {gt: 1_000_000}
        transactions:
          swaps: {vote: false, failed: false, account_include: [%s], account_required: [%s]}
        transactions_status:
          status: {}
        slots:
          slots: {filter_by_commitment: true, interslot_updates: true}
        blocks_meta: {blocks: {}}
        entry: {entries: {}}
        accounts_data_slice: [{offset: 0, length: 64}]
        """
            .formatted(TOKEN_PROGRAM, TOKEN_PROGRAM, TOKEN_PROGRAM, TOKEN_PROGRAM));
    SubscribeRequest s = load(env("GEYSER_SUBSCRIPTION_FILE", file.toString())).subscription();
    assertThat(s.getCommitment()).isEqualTo(CommitmentLevel.PROCESSED);
    var tokens = s.getAccountsOrThrow("tokens");
    assertThat(tokens.getNonemptyTxnSignature()).isTrue();
    assertThat(tokens.getFiltersList()).hasSize(4);
    assertThat(tokens.getFilters(0).getDatasize()).isEqualTo(165);
    assertThat(tokens.getFilters(1).getMemcmp().getOffset()).isEqualTo(32);
    assertThat(tokens.getFilters(2).getTokenAccountState()).isTrue();
    assertThat(tokens.getFilters(3).getLamports().getGt()).isEqualTo(1_000_000);
    assertThat(s.getTransactionsOrThrow("swaps").getAccountRequiredList())
        .containsExactly(TOKEN_PROGRAM);
    assertThat(s.getTransactionsStatusMap()).containsKey("status");
    assertThat(s.getSlotsOrThrow("slots").getInterslotUpdates()).isTrue();
    assertThat(s.getBlocksMetaMap()).containsKey("blocks");
    assertThat(s.getEntryMap()).containsKey("entries");
    assertThat(s.getAccountsDataSlice(0).getLength()).isEqualTo(64);

    Files.writeString(file, "accounts:\n  x:\n    filters:\n      - lamports: {gt: 1, lt: 2}\n");
    assertThatThrownBy(() -> load(env("GEYSER_SUBSCRIPTION_FILE", file.toString())))
        .hasMessageContaining("accounts.x.filters[0].lamports");
    assertThatThrownBy(
            () ->
                load(
                    env(
                        "GEYSER_SUBSCRIPTION_FILE",
                        file.toString(),
                        "GEYSER_ACCOUNTS",
                        TOKEN_PROGRAM)))
        .hasMessageContaining("one or the other");
  }

  private static IngestorConfig loadAsMain(Map<String, String> env, String... args) {
    IngestorCommand command = new IngestorCommand();
    new CommandLine(command)
        .setDefaultValueProvider(EnvironmentDefaultProvider.from(args, env))
        .parseArgs(args);
    return command.toConfig(env);
  }

  @Test
  void producerPropertiesComeFromTheConfigFileTooWithEnvironmentAndFlagsWinning(@TempDir Path dir)
      throws Exception {
    Path properties = dir.resolve("ingestor.properties");
    Files.writeString(
        properties,
        """
        KAFKA_PRODUCER_LINGER_MS=20
        KAFKA_PRODUCER_BATCH_SIZE=1000
        KAFKA_PRODUCER_COMPRESSION_TYPE=zstd
        QUEUE_CAPACITY=5000
        """);
    IngestorConfig fromFile =
        loadAsMain(env("KAFKA_PRODUCER_BATCH_SIZE", "2000"), "--config", properties.toString());
    assertThat(fromFile.kafka().producerProperties())
        .containsEntry("linger.ms", "20")
        .containsEntry("batch.size", "2000")
        .containsEntry("compression.type", "zstd");
    assertThat(fromFile.queue().capacity()).isEqualTo(5000);

    Path yaml = dir.resolve("ingestor.yaml");
    Files.writeString(yaml, "KAFKA_PRODUCER_LINGER_MS: 30\nKAFKA_PRODUCER_BATCH_SIZE: 1000\n");
    IngestorConfig flagged =
        loadAsMain(env("CONFIG_FILE", yaml.toString()), "-P", "batch.size=3000");
    assertThat(flagged.kafka().producerProperties())
        .containsEntry("linger.ms", "30")
        .containsEntry("batch.size", "3000");

    Files.writeString(properties, "KAFKA_PRODUCER_ACKS=1\n");
    assertThatThrownBy(() -> loadAsMain(env(), "--config", properties.toString()))
        .hasMessageContaining("acks");
  }
}
