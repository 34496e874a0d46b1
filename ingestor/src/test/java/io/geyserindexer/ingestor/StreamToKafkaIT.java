package io.geyserindexer.ingestor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.geyserindexer.ingestor.parse.EventKind;
import io.geyserindexer.ingestor.parse.GeyserUpdateParser;
import io.geyserindexer.ingestor.parse.ParsedEvent;
import io.geyserindexer.ingestor.testing.IngestorHarness;
import io.geyserindexer.ingestor.testing.ScriptedGeyserServer;
import io.geyserindexer.ingestor.testing.ScriptedUpdates;
import io.geyserindexer.ingestor.testing.TopicRecords;
import io.geyserindexer.proto.events.EventRecord;
import io.geyserindexer.proto.geyser.SubscribeUpdate;
import io.geyserindexer.testkit.SharedKafka;
import io.geyserindexer.testkit.UniqueNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * N scripted updates in, exactly N records out, on the right topics with the right keys and values.
 */
class StreamToKafkaIT {

  private static final String TOKEN = "s3cret-token";

  @Test
  void everyUpdateBecomesExactlyOneRecordAndPingsAndTokenWork() throws Exception {
    List<ScriptedUpdates.Item> script = ScriptedUpdates.slots(5000, 30, 12);
    String prefix = UniqueNames.of("ingest");
    String bootstrap = SharedKafka.bootstrapServers();
    try (ScriptedGeyserServer server = new ScriptedGeyserServer(script, TOKEN, 100);
        IngestorPipeline pipeline =
            IngestorHarness.start(
                IngestorHarness.config(
                    server.endpoint(), bootstrap, prefix, "--geyser-x-token", TOKEN))) {
      List<String> topics = IngestorHarness.topics(prefix);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> TopicRecords.count(bootstrap, topics) >= script.size());
      await().atMost(Duration.ofSeconds(10)).until(() -> server.pingRequests() >= 3);

      List<String> actual = new ArrayList<>();
      for (ConsumerRecord<String, byte[]> r : TopicRecords.readAll(bootstrap, topics)) {
        actual.add(
            r.topic()
                + " | "
                + r.key()
                + " | "
                + withoutIngestedAt(EventRecord.parseFrom(r.value())));
      }
      List<String> expected = new ArrayList<>();
      GeyserUpdateParser parser = new GeyserUpdateParser();
      for (ScriptedUpdates.Item item : script) {
        ParsedEvent e =
            parser.parse(SubscribeUpdate.parseFrom(item.bytes()), Timestamp.getDefaultInstance());
        expected.add(
            e.kind().topic(prefix) + " | " + e.key() + " | " + withoutIngestedAt(e.record()));
      }
      assertThat(actual).hasSize(script.size()).containsExactlyInAnyOrderElementsOf(expected);

      // Spot checks that do not rely on the parser: keys per topic.
      SubscribeUpdate tx = ScriptedUpdates.transaction(5000, 0);
      String signature =
          io.geyserindexer.proto.Base58.encode(
              tx.getTransaction().getTransaction().getSignature().toByteArray());
      assertThat(actual)
          .anyMatch(
              s -> s.startsWith(EventKind.TRANSACTION.topic(prefix) + " | " + signature + " | "));
      assertThat(actual)
          .anyMatch(s -> s.startsWith(EventKind.SLOT_STATUS.topic(prefix) + " | 5029 | "));
      assertThat(actual)
          .anyMatch(s -> s.startsWith(EventKind.BLOCK_META.topic(prefix) + " | 5000 | "));
      assertThat(
              actual.stream()
                  .filter(s -> s.startsWith(EventKind.ACCOUNT_UPDATE.topic(prefix) + " | ")))
          .hasSize(30 * 3);

      assertThat(server.tokensSeen()).isNotEmpty().allMatch(TOKEN::equals);
      assertThat(pipeline.metrics().total("ingestor.pings.answered")).isGreaterThanOrEqualTo(3);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> pipeline.metrics().total("ingestor.pongs.received") >= 1);
      assertThat(pipeline.metrics().total("ingestor.events.dropped")).isZero();
      assertThat(pipeline.metrics().total("ingestor.parse.failures")).isZero();
      assertThat(server.streamsOpened()).isEqualTo(1);
      assertThat(pipeline.stop()).isTrue();
    }
  }

  @Test
  void malformedUpdatesAreCountedAndSkippedWhileTheRestArrives() throws Exception {
    List<ScriptedUpdates.Item> script = new ArrayList<>(ScriptedUpdates.slots(7000, 10, 8));
    SubscribeUpdate good = ScriptedUpdates.account(7003, 1);
    SubscribeUpdate badKey =
        good.toBuilder()
            .setAccount(
                good.getAccount().toBuilder()
                    .setAccount(
                        good.getAccount().getAccount().toBuilder()
                            .setPubkey(ByteString.copyFrom(new byte[5]))))
            .build();
    script.add(30, new ScriptedUpdates.Item(7003, badKey.toByteArray()));
    script.add(
        31, new ScriptedUpdates.Item(7003, new byte[] {(byte) 0xff, (byte) 0xff, 0x01, 0x02}));
    int valid = script.size() - 2;
    String prefix = UniqueNames.of("malformed");
    String bootstrap = SharedKafka.bootstrapServers();
    try (ScriptedGeyserServer server = new ScriptedGeyserServer(script, null, 1000);
        IngestorPipeline pipeline =
            IngestorHarness.start(IngestorHarness.config(server.endpoint(), bootstrap, prefix))) {
      List<String> topics = IngestorHarness.topics(prefix);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> TopicRecords.count(bootstrap, topics) >= valid);
      assertThat(pipeline.stop()).isTrue();
      assertThat(TopicRecords.count(bootstrap, topics)).isEqualTo(valid);
      assertThat(pipeline.metrics().count("ingestor.parse.failures", "kind", "account"))
          .isEqualTo(1);
      assertThat(pipeline.metrics().count("ingestor.parse.failures", "kind", "undecodable"))
          .isEqualTo(1);
      assertThat(server.streamsOpened()).isEqualTo(1);
    }
  }

  @Test
  void aWrongTokenIsFatalWithAClearReason() throws Exception {
    String prefix = UniqueNames.of("token");
    try (ScriptedGeyserServer server =
            new ScriptedGeyserServer(ScriptedUpdates.slots(1, 1, 1), TOKEN, 1000);
        IngestorPipeline pipeline =
            IngestorHarness.start(
                IngestorHarness.config(
                    server.endpoint(),
                    SharedKafka.bootstrapServers(),
                    prefix,
                    "--geyser-x-token",
                    "wrong"))) {
      assertThat(pipeline.awaitExit()).isEqualTo(1);
      assertThat(pipeline.fatal().reason()).contains("UNAUTHENTICATED").doesNotContain("wrong");
    }
  }

  static String withoutIngestedAt(EventRecord record) {
    return record.toBuilder().clearIngestedAt().build().toString().replace('\n', ' ');
  }

  @Test
  void theStreamIsCapturedForTheSimulatorToReplay(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    List<ScriptedUpdates.Item> script = ScriptedUpdates.slots(7000, 10, 5);
    java.nio.file.Path file = dir.resolve("stream.capture.gz");
    String prefix = UniqueNames.of("capture");
    String bootstrap = SharedKafka.bootstrapServers();
    try (ScriptedGeyserServer server = new ScriptedGeyserServer(script, TOKEN, 100);
        IngestorPipeline pipeline =
            IngestorHarness.start(
                IngestorHarness.config(
                    server.endpoint(),
                    bootstrap,
                    prefix,
                    "--geyser-x-token",
                    TOKEN,
                    "--capture-file",
                    file.toString()))) {
      List<String> topics = IngestorHarness.topics(prefix);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> TopicRecords.count(bootstrap, topics) >= script.size());
      pipeline.stop();
    }
    List<SubscribeUpdate> captured = new ArrayList<>();
    try (io.geyserindexer.proto.capture.CaptureReader reader =
        io.geyserindexer.proto.capture.CaptureReader.open(file)) {
      for (var next = reader.next(); next.isPresent(); next = reader.next()) {
        SubscribeUpdate u = next.get();
        if (u.getUpdateOneofCase() != SubscribeUpdate.UpdateOneofCase.PING
            && u.getUpdateOneofCase() != SubscribeUpdate.UpdateOneofCase.PONG) {
          captured.add(u);
        }
      }
    }
    List<SubscribeUpdate> sent = new ArrayList<>();
    for (ScriptedUpdates.Item item : script) {
      sent.add(SubscribeUpdate.parseFrom(item.bytes()));
    }
    assertThat(captured).containsExactlyElementsOf(sent);
  }
}
