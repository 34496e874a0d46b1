package io.geyserindexer.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.geyserindexer.ingestor.IngestorPipeline;
import io.geyserindexer.ingestor.config.IngestorCommand;
import io.geyserindexer.ingestor.metrics.IngestorMetrics;
import io.geyserindexer.ingestor.parse.EventKind;
import io.geyserindexer.ingestor.publish.KafkaSlotCheckpoint;
import io.geyserindexer.launcher.e2e.TopicEvents.Event;
import io.geyserindexer.proto.Base58;
import io.geyserindexer.proto.TransactionKeys;
import io.geyserindexer.proto.events.SlotStatus;
import io.geyserindexer.proto.geyser.CommitmentLevel;
import io.geyserindexer.runtime.config.EnvironmentDefaultProvider;
import io.geyserindexer.simulator.server.ChaosSettings;
import io.geyserindexer.simulator.server.GatedSlotSource;
import io.geyserindexer.simulator.server.ModelSlotSource;
import io.geyserindexer.simulator.server.ServerSettings;
import io.geyserindexer.simulator.server.SimulatorServer;
import io.geyserindexer.simulator.traffic.KeyPool;
import io.geyserindexer.simulator.traffic.TrafficConfig;
import io.geyserindexer.simulator.traffic.TrafficModel;
import io.geyserindexer.testkit.SharedKafka;
import io.geyserindexer.testkit.UniqueNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The project's own ingestor (its pipeline classes, configured through its real options) subscribes
 * to the real simulator server over gRPC, through every protocol feature of issue 5, and what lands
 * in Kafka is compared record by record with what the simulator's TrafficModel says the server owed
 * that subscription for the slot range.
 */
class SimulatorWithIngestorIT {

  private static final long SEED = 5;
  private static final TrafficModel MODEL = new TrafficModel(TrafficConfig.defaults(SEED, 40, 60));
  private static final Duration SLOT_INTERVAL = Duration.ofMillis(30);
  private static final int CONFIRM_DEPTH = 1;
  private static final int FINALIZE_DEPTH = 3;

  /**
   * The ingestor's default resume overlap (none). A confirmed subscriber sees slot S's PROCESSED
   * status before slot S-1's confirmed burst and slot S-3's FINALIZED status; the ingestor must
   * resume after the newest acknowledged FINALIZED slot, not at the highest slot seen, or a cut in
   * between loses them. {@code -Dcut.overlap=N} runs the cut test with a safety margin instead.
   */
  private static final String OVERLAP = "0";

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final String bootstrap = SharedKafka.bootstrapServers();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  @Test
  void processedFiltersWithTokenAndPingsArriveExactly() throws Exception {
    long start = firstDeadAfter(300_000_000L) - 4;
    long end = start + 9;
    ByteString hot0 = MODEL.keys().hotAccounts().get(0);
    ByteString hot1 = MODEL.keys().hotAccounts().get(1);
    SubscriptionSpec spec =
        new SubscriptionSpec.Builder(CommitmentLevel.PROCESSED)
            .accounts("hot", "{account: [" + b58(hot0) + "]}", a -> a.getPubkey().equals(hot0))
            .accounts(
                "token",
                "{owner: [" + b58(KeyPool.TOKEN_PROGRAM) + "]}",
                a -> a.getOwner().equals(KeyPool.TOKEN_PROGRAM))
            .transactions(
                "failed",
                "{vote: false, failed: true}",
                t -> !t.getIsVote() && t.getMeta().hasErr())
            .transactions(
                "touches",
                "{account_include: [" + b58(hot1) + "]}",
                t ->
                    TransactionKeys.fullKeyList(t.getTransaction().getMessage(), t.getMeta())
                        .contains(hot1))
            .slots("slots", true)
            .blocksMeta("meta")
            .build();
    Simulated sim = simulator(start, end, Optional.of("e2e-token"), 300, ChaosSettings.NONE);
    String prefix = UniqueNames.of("simproc");
    Ingestor ingestor = ingestor(sim.port(), prefix, spec, "--geyser-x-token", "e2e-token");
    openWhenSubscribed(sim, ingestor);

    List<Event> expected = expected(spec, prefix, start, end);
    long dead = firstDeadAfter(300_000_000L);
    assertThat(expected)
        .as("the range holds a dead slot, with its processed content and its DEAD status")
        .anyMatch(e -> e.value().getSlotStatus().getStatus() == SlotStatus.SLOT_STATUS_DEAD)
        .anyMatch(
            e -> e.slot() == dead && (e.value().hasAccountUpdate() || e.value().hasTransaction()));
    List<Event> got = awaitAll(sim, prefix, expected);
    EventComparison.assertSameMultiset(got, expected);
    assertThat(ingestor.metrics().total("ingestor.pings.answered")).isPositive();
    assertThat(ingestor.metrics().total("ingestor.pongs.received")).isPositive();
  }

  @Test
  void finalizedCommitmentCollapsesWritesAndOmitsDeadSlots() throws Exception {
    long start = firstDeadAfter(300_000_000L) - 4;
    long end = start + 9;
    Set<ByteString> hot = Set.copyOf(MODEL.keys().hotAccounts().subList(0, 4));
    StringBuilder hotYaml = new StringBuilder();
    hot.forEach(k -> hotYaml.append(hotYaml.length() == 0 ? "" : ", ").append(b58(k)));
    SubscriptionSpec spec =
        new SubscriptionSpec.Builder(CommitmentLevel.FINALIZED)
            .accounts("hot", "{account: [" + hotYaml + "]}", a -> hot.contains(a.getPubkey()))
            .transactions("votes", "{vote: true}", t -> t.getIsVote())
            .slots("slots", false)
            .blocksMeta("meta")
            .build();
    Simulated sim = simulator(start, end, Optional.empty(), 300, ChaosSettings.NONE);
    String prefix = UniqueNames.of("simfin");
    Ingestor ingestor = ingestor(sim.port(), prefix, spec);
    openWhenSubscribed(sim, ingestor);

    List<Event> expected = expected(spec, prefix, start, end);
    long hotWrites =
        LongStream.rangeClosed(start, end)
            .filter(s -> !MODEL.chain().isDead(s))
            .flatMap(
                s ->
                    MODEL.slot(s).accounts().stream()
                        .filter(a -> hot.contains(a.getAccount().getPubkey()))
                        .mapToLong(a -> 1))
            .sum();
    long hotExpected =
        expected.stream()
            .filter(e -> e.topic().equals(topic(prefix, EventKind.ACCOUNT_UPDATE)))
            .count();
    assertThat(hotExpected)
        .as("the range has accounts written more than once in a slot")
        .isLessThan(hotWrites);
    List<Event> got = awaitAll(sim, prefix, expected);
    EventComparison.assertSameMultiset(got, expected);
    long dead = firstDeadAfter(300_000_000L);
    assertThat(got).noneMatch(e -> e.slot() == dead);
  }

  @Test
  void wrongTokenIsRefusedAndFatal() throws Exception {
    Simulated sim =
        simulator(300_000_000L, 300_000_009L, Optional.of("right"), 300, ChaosSettings.NONE);
    SubscriptionSpec spec =
        new SubscriptionSpec.Builder(CommitmentLevel.CONFIRMED).slots("slots", false).build();
    Ingestor ingestor =
        ingestor(sim.port(), UniqueNames.of("simtok"), spec, "--geyser-x-token", "wrong");
    await().atMost(WAIT).until(() -> ingestor.pipeline().fatal().isRaised());
    assertThat(ingestor.pipeline().awaitExit()).isEqualTo(1);
    assertThat(ingestor.pipeline().fatal().reason()).contains("UNAUTHENTICATED");
    assertThat(ingestor.pipeline().fatal().reason()).doesNotContain("wrong");
  }

  @Test
  void streamsCutEveryNMessagesResumeWithoutLoss() throws Exception {
    long start = 300_000_100L;
    long end = start + 29;
    // About 90 updates per slot: each stream carries the replayed overlap (5 slots) and about
    // six new slots before it is cut.
    int cutEvery = 1000;
    SubscriptionSpec spec = wholeChain(CommitmentLevel.CONFIRMED);
    Simulated sim =
        simulator(
            start,
            end,
            Optional.empty(),
            300,
            new ChaosSettings(cutEvery, 0, false, Duration.ZERO));
    String prefix = UniqueNames.of("simcut");
    Ingestor ingestor =
        ingestor(
            sim.port(),
            prefix,
            spec,
            "--geyser-resume-overlap-slots",
            System.getProperty("cut.overlap", OVERLAP));
    openWhenSubscribed(sim, ingestor);

    List<Event> expected = expected(spec, prefix, start, end);
    // The protocol cannot resend one kind of update: from_slot replays only slots that reached the
    // session's commitment, so the PROCESSED status of a slot still unconfirmed when the stream
    // was cut (sent live once, lost in flight) never comes again. The slot's CONFIRMED status
    // supersedes it (the slots table keeps the highest status). Such a status may be missing;
    // nothing else may, and nothing unexpected may appear.
    List<Event> required = expected.stream().filter(e -> !isProcessedStatus(e)).toList();
    List<Event> got = awaitAll(sim, prefix, required);
    // Replays after each cut resend whole slots: duplicates are expected, anything else is not.
    EventComparison.assertContains(expected, got);
    Set<Long> confirmed =
        got.stream()
            .filter(e -> e.value().hasSlotStatus())
            .filter(e -> e.value().getSlotStatus().getStatus() == SlotStatus.SLOT_STATUS_CONFIRMED)
            .map(e -> e.value().getSlotStatus().getSlot())
            .collect(Collectors.toSet());
    Set<Event> gotSet = new HashSet<>(got);
    assertThat(expected.stream().filter(e -> isProcessedStatus(e) && !gotSet.contains(e)))
        .as("a missing PROCESSED status is only allowed where the CONFIRMED one arrived")
        .allMatch(e -> confirmed.contains(e.value().getSlotStatus().getSlot()));
    assertThat(ingestor.metrics().total("ingestor.stream.reconnects"))
        .as("%d updates expected, in streams of %d", expected.size(), cutEvery)
        .isGreaterThanOrEqualTo((double) expected.size() / cutEvery - 1);
    assertThat(ingestor.metrics().total("ingestor.gap.slots")).isZero();
  }

  @Test
  void restartResumesFromSlotInsideTheReplayWindow() throws Exception {
    long start = 300_000_200L;
    long end = start + 29;
    SubscriptionSpec spec = wholeChain(CommitmentLevel.CONFIRMED);
    Simulated sim = simulator(start, end, Optional.empty(), 300, ChaosSettings.NONE);
    String prefix = UniqueNames.of("simres");
    Ingestor first = ingestor(sim.port(), prefix, spec, "--geyser-resume-overlap-slots", OVERLAP);
    openWhenSubscribed(sim, first);
    await().atMost(WAIT).until(() -> first.lastProduced() >= start + 8);
    assertThat(first.pipeline().stop()).as("first run drained").isTrue();
    await().atMost(WAIT).until(sim.server()::finished);

    // The simulator is done: a live subscription would get nothing, so every slot after the
    // first run's last one can only come from the from_slot replay.
    Ingestor second = ingestor(sim.port(), prefix, spec, "--geyser-resume-overlap-slots", OVERLAP);
    List<Event> expected = expected(spec, prefix, start, end);
    List<Event> got = awaitAll(sim, prefix, expected);
    EventComparison.assertSameSet(got, expected);
    assertThat(second.metrics().total("ingestor.gap.slots")).isZero();
  }

  @Test
  void restartBeyondTheReplayWindowReportsTheGapAndContinues() throws Exception {
    long start = 300_000_300L;
    long end = start + 29;
    int window = 5;
    SubscriptionSpec spec = wholeChain(CommitmentLevel.CONFIRMED);
    Simulated sim = simulator(start, end, Optional.empty(), window, ChaosSettings.NONE);
    String prefix = UniqueNames.of("simgap");
    Ingestor first = ingestor(sim.port(), prefix, spec);
    openWhenSubscribed(sim, first);
    await().atMost(WAIT).until(() -> first.lastProduced() >= start + 5);
    assertThat(first.pipeline().stop()).isTrue();
    long reachedByFirst = first.lastProduced();
    await().atMost(WAIT).until(sim.server()::finished);
    OptionalLong checkpoint =
        KafkaSlotCheckpoint.resumeSlot(bootstrap, topic(prefix, EventKind.SLOT_STATUS));
    assertThat(checkpoint).isPresent();
    long oldestKept = end - window + 1;
    assertThat(checkpoint.getAsLong()).isLessThan(oldestKept);

    Ingestor second = ingestor(sim.port(), prefix, spec);
    List<Event> expected = expected(spec, prefix, start, end);
    List<Event> tail = expected.stream().filter(e -> e.slot() >= oldestKept).toList();
    TopicEvents events = events(prefix);
    await().atMost(WAIT).untilAsserted(() -> EventComparison.assertContains(events.read(), tail));
    assertThat(second.metrics().total("ingestor.gap.slots"))
        .isEqualTo((double) (oldestKept - checkpoint.getAsLong()));
    List<Event> got = events.read();
    EventComparison.assertContains(expected, got);
    assertThat(got)
        .as("nothing between the first run's last slot and the oldest replayable one")
        .noneMatch(e -> e.slot() > reachedByFirst && e.slot() < oldestKept);
  }

  // --- wiring ---------------------------------------------------------------------------------

  /** The ingestor's default subscription shape: every account, transaction, status and block. */
  private static SubscriptionSpec wholeChain(CommitmentLevel commitment) {
    return new SubscriptionSpec.Builder(commitment)
        .accounts("accounts", "{}", a -> true)
        .transactions("transactions", "{}", t -> true)
        .slots("slots", false)
        .blocksMeta("blocks_meta")
        .build();
  }

  private record Simulated(SimulatorServer server, GatedSlotSource source) {
    int port() {
      return server.port();
    }
  }

  private record Ingestor(IngestorPipeline pipeline, IngestorMetrics metrics) {
    long lastProduced() {
      var gauge = metrics.registry().find("ingestor.slot.last.produced").gauge();
      return gauge == null ? -1 : (long) gauge.value();
    }
  }

  private Simulated simulator(
      long start, long end, Optional<String> token, int replaySlots, ChaosSettings chaos)
      throws Exception {
    GatedSlotSource source =
        new GatedSlotSource(new ModelSlotSource(MODEL, start, OptionalLong.of(end)));
    ServerSettings settings =
        new ServerSettings(
            0,
            token,
            replaySlots,
            Duration.ofMillis(100),
            250_000,
            SLOT_INTERVAL,
            CONFIRM_DEPTH,
            FINALIZE_DEPTH,
            chaos,
            SEED);
    SimulatorServer server = new SimulatorServer(settings, source).start();
    closeables.add(server);
    // Closed before the server: an unopened gate would hold the slot clock's thread.
    closeables.add(source);
    return new Simulated(server, source);
  }

  private Ingestor ingestor(int port, String prefix, SubscriptionSpec spec, String... extra)
      throws Exception {
    Path file = Files.writeString(dir.resolve(prefix + ".yaml"), spec.yaml());
    List<String> args =
        new ArrayList<>(
            List.of(
                "--geyser-endpoint",
                "http://127.0.0.1:" + port,
                "--geyser-subscription-file",
                file.toString(),
                "--kafka-bootstrap-servers",
                bootstrap,
                "--topic-prefix",
                prefix,
                "--topic-partitions",
                "3",
                "--geyser-backoff-initial",
                "20ms",
                "--geyser-backoff-max",
                "100ms",
                "--metrics-port",
                "-1"));
    args.addAll(List.of(extra));
    String[] argv = args.toArray(String[]::new);
    IngestorCommand command = new IngestorCommand();
    new CommandLine(command)
        .setDefaultValueProvider(EnvironmentDefaultProvider.from(argv, Map.of()))
        .parseArgs(argv);
    IngestorMetrics metrics = new IngestorMetrics(new SimpleMeterRegistry());
    IngestorPipeline pipeline = new IngestorPipeline(command.toConfig(Map.of()), metrics);
    closeables.add(
        () -> {
          pipeline.stop();
          pipeline.close();
        });
    pipeline.start();
    return new Ingestor(pipeline, metrics);
  }

  /**
   * Opens the slot gate once the ingestor's filter is surely installed: a pong answers the
   * ingestor's ping request, which the server reads after the subscription request on the same
   * stream.
   */
  private void openWhenSubscribed(Simulated sim, Ingestor ingestor) {
    await().atMost(WAIT).until(() -> ingestor.metrics().total("ingestor.pongs.received") >= 1);
    sim.source().open();
  }

  private static boolean isProcessedStatus(Event event) {
    return event.value().hasSlotStatus()
        && event.value().getSlotStatus().getStatus() == SlotStatus.SLOT_STATUS_PROCESSED;
  }

  /** Waits until the simulator finished and Kafka holds every expected record; returns them. */
  private List<Event> awaitAll(Simulated sim, String prefix, List<Event> expected) {
    TopicEvents events = events(prefix);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(sim.server().finished()).isTrue();
              EventComparison.assertContains(events.read(), expected);
            });
    return events.read();
  }

  private TopicEvents events(String prefix) {
    TopicEvents events = new TopicEvents(bootstrap, prefix);
    closeables.add(events);
    return events;
  }

  private static List<Event> expected(SubscriptionSpec spec, String prefix, long start, long end) {
    List<Event> out = new ArrayList<>();
    for (long slot = start; slot <= end; slot++) {
      spec.expected(MODEL, slot).forEach(u -> out.add(TopicEvents.expected(prefix, u)));
    }
    return out;
  }

  private static String topic(String prefix, EventKind kind) {
    return kind.topic(prefix);
  }

  private static String b58(ByteString key) {
    return Base58.encode(key.toByteArray());
  }

  /** A dead slot with live neighbours, so a range around it has one dead slot. */
  private static long firstDeadAfter(long slot) {
    long s = slot;
    while (!MODEL.chain().isDead(s) || MODEL.chain().isDead(s - 1) || MODEL.chain().isDead(s + 1)) {
      s++;
    }
    return s;
  }
}
