package io.geyserindexer.persister.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.geyserindexer.persister.PersisterService;
import io.geyserindexer.testkit.SharedKafka;
import io.geyserindexer.testkit.SharedPostgres;
import io.geyserindexer.testkit.TestDatabase;
import io.geyserindexer.testkit.UniqueNames;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

/**
 * A persister that starts before the ingestor has created the topics must not create them itself: a
 * broker-made topic gets the broker's default partition count, and the ingestor would then keep
 * that layout for good.
 */
class TopicsCreatedAfterStartIT {

  @Test
  void persisterWaitsForTheIngestorsTopicsInsteadOfCreatingThem() throws Exception {
    String prefix = UniqueNames.of("late");
    String group = UniqueNames.of("persister");
    PipelineSupport kafka = new PipelineSupport(SharedKafka.bootstrapServers(), prefix);
    EventFixture fixture = EventFixture.generate(7, 200, 1_000, 300, 3);

    try (TestDatabase db = SharedPostgres.createDatabase("persister_late")) {
      Map<String, String> env = PersisterEnvironment.of(db, db.jdbcUrl(), prefix, group);
      try (PersisterService service = InProcessPersister.start(env);
          Admin admin = kafka.admin()) {
        // The consumers are subscribed and polling; none of their topics may appear meanwhile.
        await("no event topic appears while the persister polls")
            .during(Duration.ofSeconds(3))
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                        .noneMatch(t -> t.startsWith(prefix + ".")));

        kafka.createTopics();
        kafka.produce(fixture.records);
        kafka.awaitCaughtUp(group, Duration.ofMinutes(2));

        Map<String, TopicDescription> topics =
            admin.describeTopics(kafka.topics()).allTopicNames().get(10, TimeUnit.SECONDS);
        assertThat(topics.values())
            .allSatisfy(d -> assertThat(d.partitions()).hasSize(PipelineSupport.PARTITIONS));
        assertThat(service.registry().get("persister.records").counter().count())
            .isEqualTo(kafka.produced());
      }
      try (Connection c = db.connection()) {
        TableRows.assertExactly(c, fixture);
      }
    }
  }
}
