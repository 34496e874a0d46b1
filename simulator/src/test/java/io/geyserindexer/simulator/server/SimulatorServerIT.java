package io.geyserindexer.simulator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.geyserindexer.proto.Base58;
import io.geyserindexer.proto.TransactionKeys;
import io.geyserindexer.proto.geyser.CommitmentLevel;
import io.geyserindexer.proto.geyser.GetSlotRequest;
import io.geyserindexer.proto.geyser.GetVersionRequest;
import io.geyserindexer.proto.geyser.GeyserGrpc;
import io.geyserindexer.proto.geyser.SlotStatus;
import io.geyserindexer.proto.geyser.SubscribeReplayInfoRequest;
import io.geyserindexer.proto.geyser.SubscribeRequest;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterAccounts;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterBlocksMeta;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterSlots;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterTransactions;
import io.geyserindexer.proto.geyser.SubscribeUpdate;
import io.geyserindexer.proto.geyser.SubscribeUpdateAccount;
import io.geyserindexer.proto.geyser.SubscribeUpdateTransaction;
import io.geyserindexer.simulator.traffic.KeyPool;
import io.geyserindexer.simulator.traffic.SlotContent;
import io.geyserindexer.simulator.traffic.TrafficConfig;
import io.geyserindexer.simulator.traffic.TrafficModel;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real server on a free port, subscribed to with a plain grpc-java client. */
class SimulatorServerIT {

  private static final TrafficModel MODEL = new TrafficModel(TrafficConfig.defaults(7, 40, 60));

  /** Ten slots around the first dead one after 300,000,000, so the range holds a dead slot. */
  private static final long START = firstDeadAfter(300_000_000L) - 4;

  private static final long END = START + 9;
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  @Test
  void processedStreamCarriesExactlyTheMatchingContentInOrder() throws Exception {
    GatedSlotSource source = gated(END);
    SimulatorServer server = start(settings(0, Duration.ZERO, 10), source);
    ByteString hot0 = MODEL.keys().hotAccounts().get(0);
    ByteString hot1 = MODEL.keys().hotAccounts().get(1);
    SubscribeRequest request =
        SubscribeRequest.newBuilder()
            .putAccounts(
                "hot", SubscribeRequestFilterAccounts.newBuilder().addAccount(b58(hot0)).build())
            .putAccounts(
                "token",
                SubscribeRequestFilterAccounts.newBuilder()
                    .addOwner(b58(KeyPool.TOKEN_PROGRAM))
                    .build())
            .putTransactions(
                "failed",
                SubscribeRequestFilterTransactions.newBuilder()
                    .setVote(false)
                    .setFailed(true)
                    .build())
            .putTransactions(
                "touches",
                SubscribeRequestFilterTransactions.newBuilder()
                    .addAccountInclude(b58(hot1))
                    .build())
            .putSlots(
                "slots", SubscribeRequestFilterSlots.newBuilder().setInterslotUpdates(true).build())
            .putBlocksMeta("meta", SubscribeRequestFilterBlocksMeta.getDefaultInstance())
            .build();
    TestSubscription sub = subscribeAndOpen(server, source, request);
    await().atMost(WAIT).until(() -> hasStatus(sub, END, SlotStatus.SLOT_FINALIZED));

    List<SlotContent> slots = LongStream.rangeClosed(START, END).mapToObj(MODEL::slot).toList();
    List<SubscribeUpdateAccount> expectedAccounts = new ArrayList<>();
    List<SubscribeUpdateTransaction> expectedTxs = new ArrayList<>();
    boolean loadedOnlyMatch = false;
    for (SlotContent slot : slots) {
      for (SubscribeUpdateAccount a : slot.accounts()) {
        if (a.getAccount().getPubkey().equals(hot0)
            || a.getAccount().getOwner().equals(KeyPool.TOKEN_PROGRAM)) {
          expectedAccounts.add(a);
        }
      }
      for (SubscribeUpdateTransaction t : slot.transactions()) {
        var info = t.getTransaction();
        boolean failed = !info.getIsVote() && info.getMeta().hasErr();
        boolean touches =
            TransactionKeys.fullKeyList(info.getTransaction().getMessage(), info.getMeta())
                .contains(hot1);
        loadedOnlyMatch |=
            touches && !info.getTransaction().getMessage().getAccountKeysList().contains(hot1);
        if (failed || touches) {
          expectedTxs.add(t);
        }
      }
    }
    List<SubscribeUpdate> got = sub.updates;
    assertThat(sub.messageBeforeHeaders).isFalse();
    assertThat(got).allSatisfy(u -> assertThat(u.hasCreatedAt()).isTrue());
    assertThat(
            got.stream()
                .filter(SubscribeUpdate::hasAccount)
                .map(SubscribeUpdate::getAccount)
                .toList())
        .containsExactlyElementsOf(expectedAccounts);
    assertThat(
            got.stream()
                .filter(SubscribeUpdate::hasTransaction)
                .map(SubscribeUpdate::getTransaction)
                .toList())
        .containsExactlyElementsOf(expectedTxs);
    assertThat(loadedOnlyMatch).as("some tx matches only through a lookup-loaded key").isTrue();
    for (SubscribeUpdate u : got) {
      if (u.hasAccount()) {
        List<String> names = new ArrayList<>();
        if (u.getAccount().getAccount().getPubkey().equals(hot0)) names.add("hot");
        if (u.getAccount().getAccount().getOwner().equals(KeyPool.TOKEN_PROGRAM))
          names.add("token");
        assertThat(u.getFiltersList()).containsExactlyInAnyOrderElementsOf(names);
      }
    }
    long dead = firstDeadAfter(300_000_000L);
    assertThat(
            got.stream()
                .filter(SubscribeUpdate::hasBlockMeta)
                .map(u -> u.getBlockMeta().getSlot())
                .toList())
        .containsExactlyElementsOf(
            LongStream.rangeClosed(START, END).filter(s -> s != dead).boxed().toList());
    for (long slot = START; slot <= END; slot++) {
      long s = slot;
      List<SlotStatus> statuses =
          got.stream()
              .filter(u -> u.hasSlot() && u.getSlot().getSlot() == s)
              .map(u -> u.getSlot().getStatus())
              .toList();
      if (slot == dead) {
        assertThat(statuses)
            .containsExactly(
                SlotStatus.SLOT_FIRST_SHRED_RECEIVED,
                SlotStatus.SLOT_CREATED_BANK,
                SlotStatus.SLOT_DEAD);
      } else {
        assertThat(statuses)
            .containsExactly(
                SlotStatus.SLOT_FIRST_SHRED_RECEIVED,
                SlotStatus.SLOT_CREATED_BANK,
                SlotStatus.SLOT_COMPLETED,
                SlotStatus.SLOT_PROCESSED,
                SlotStatus.SLOT_CONFIRMED,
                SlotStatus.SLOT_FINALIZED);
      }
    }
    assertThat(
            got.stream()
                .filter(u -> u.hasSlot() && u.getSlot().getStatus() == SlotStatus.SLOT_DEAD))
        .singleElement()
        .satisfies(u -> assertThat(u.getSlot().getDeadError()).isNotBlank());
  }

  @Test
  void confirmedCommitmentCollapsesWritesAndNeverShowsDeadSlots() throws Exception {
    GatedSlotSource source = gated(END);
    SimulatorServer server = start(settings(0, Duration.ZERO, 10), source);
    SubscribeRequest request =
        SubscribeRequest.newBuilder()
            .setCommitment(CommitmentLevel.CONFIRMED)
            .putAccounts("all", SubscribeRequestFilterAccounts.getDefaultInstance())
            .putTransactions(
                "votes", SubscribeRequestFilterTransactions.newBuilder().setVote(true).build())
            .putSlots(
                "mine",
                SubscribeRequestFilterSlots.newBuilder().setFilterByCommitment(true).build())
            .build();
    TestSubscription sub = subscribeAndOpen(server, source, request);
    await().atMost(WAIT).until(() -> hasStatus(sub, END, SlotStatus.SLOT_CONFIRMED));

    List<SubscribeUpdateAccount> expected = new ArrayList<>();
    List<SubscribeUpdateTransaction> votes = new ArrayList<>();
    int collapsedAway = 0;
    for (long slot = START; slot <= END; slot++) {
      SlotContent content = MODEL.slot(slot);
      if (!content.dead()) {
        expected.addAll(content.collapsedAccounts());
        collapsedAway += content.accounts().size() - content.collapsedAccounts().size();
        content.transactions().stream()
            .filter(t -> t.getTransaction().getIsVote())
            .forEach(votes::add);
      }
    }
    assertThat(collapsedAway).isPositive();
    assertThat(
            sub.updates.stream()
                .filter(SubscribeUpdate::hasAccount)
                .map(SubscribeUpdate::getAccount)
                .toList())
        .containsExactlyElementsOf(expected);
    assertThat(
            sub.updates.stream()
                .filter(SubscribeUpdate::hasTransaction)
                .map(SubscribeUpdate::getTransaction)
                .toList())
        .containsExactlyElementsOf(votes);
    assertThat(
            sub.updates.stream()
                .filter(SubscribeUpdate::hasSlot)
                .map(u -> u.getSlot().getStatus())
                .distinct()
                .toList())
        .containsExactly(SlotStatus.SLOT_CONFIRMED);
  }

  @Test
  void fromSlotReplaysInsideTheWindowAndIsOutOfRangeBeyondIt() throws Exception {
    SimulatorServer server =
        start(
            settings(5, Duration.ZERO, 10),
            new ModelSlotSource(MODEL, START, OptionalLong.of(END)));
    await().atMost(WAIT).until(server::finished);
    ManagedChannel channel = channel(server);
    var stub = GeyserGrpc.newBlockingStub(channel);
    assertThat(
            stub.subscribeReplayInfo(SubscribeReplayInfoRequest.getDefaultInstance())
                .getFirstAvailable())
        .isEqualTo(END - 4);
    assertThat(
            stub.getSlot(
                    GetSlotRequest.newBuilder().setCommitment(CommitmentLevel.FINALIZED).build())
                .getSlot())
        .isEqualTo(END);
    assertThat(stub.getVersion(GetVersionRequest.getDefaultInstance()).getVersion())
        .startsWith("{\"version\":{");

    TestSubscription inside = TestSubscription.open(channel);
    inside.send(
        SubscribeRequest.newBuilder()
            .setFromSlot(END - 2)
            .putBlocksMeta("meta", SubscribeRequestFilterBlocksMeta.getDefaultInstance())
            .putSlots("slots", SubscribeRequestFilterSlots.getDefaultInstance())
            .build());
    await().atMost(WAIT).until(() -> hasStatus(inside, END, SlotStatus.SLOT_FINALIZED));
    assertThat(
            inside.updates.stream()
                .filter(SubscribeUpdate::hasBlockMeta)
                .map(u -> u.getBlockMeta())
                .toList())
        .containsExactly(
            MODEL.slot(END - 2).blockMeta().get(),
            MODEL.slot(END - 1).blockMeta().get(),
            MODEL.slot(END).blockMeta().get());

    TestSubscription outside = TestSubscription.open(channel);
    outside.send(
        SubscribeRequest.newBuilder()
            .setFromSlot(START)
            .putSlots("s", SubscribeRequestFilterSlots.getDefaultInstance())
            .build());
    await().atMost(WAIT).until(() -> outside.status.get() != null);
    assertThat(outside.status.get().getCode()).isEqualTo(Status.Code.OUT_OF_RANGE);
    assertThat(outside.status.get().getDescription())
        .isEqualTo("broadcast from " + START + " is not available, last available: " + (END - 4));
  }

  @Test
  void xTokenIsCheckedOnEveryCall() throws Exception {
    ServerSettings base = settings(10, Duration.ofMillis(20), 10);
    ServerSettings withToken = base.withXToken("s3cret");
    SimulatorServer server =
        start(withToken, new ModelSlotSource(MODEL, START, OptionalLong.empty()));
    ManagedChannel channel = channel(server);
    assertThatThrownBy(
            () ->
                GeyserGrpc.newBlockingStub(channel)
                    .getVersion(GetVersionRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
              assertThat(e.getStatus().getDescription()).isEqualTo("No valid auth token");
            });
    TestSubscription wrong = new TestSubscription(channel, token("nope"), true);
    await().atMost(WAIT).until(() -> wrong.status.get() != null);
    assertThat(wrong.status.get().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(wrong.updates).isEmpty();

    TestSubscription right = new TestSubscription(channel, token("s3cret"), true);
    right.send(
        SubscribeRequest.newBuilder()
            .putSlots("s", SubscribeRequestFilterSlots.getDefaultInstance())
            .build());
    await().atMost(WAIT).until(() -> right.updates.stream().anyMatch(SubscribeUpdate::hasSlot));
    assertThat(right.status.get()).isNull();
    assertThat(
            GeyserGrpc.newBlockingStub(channel)
                .withInterceptors(
                    io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(token("s3cret")))
                .getVersion(GetVersionRequest.getDefaultInstance())
                .getVersion())
        .contains("geyser-indexer-simulator");
  }

  @Test
  void pingsPongsAndFilterReplacement() throws Exception {
    ServerSettings base = settings(10, Duration.ofMillis(20), 10);
    ServerSettings fastPings = base.withPingInterval(Duration.ofMillis(200));
    SimulatorServer server =
        start(fastPings, new ModelSlotSource(MODEL, START, OptionalLong.empty()));
    TestSubscription sub = TestSubscription.open(channel(server));
    // Before any filter: only server pings flow.
    await()
        .atMost(WAIT)
        .until(() -> sub.updates.stream().filter(SubscribeUpdate::hasPing).count() >= 2);
    assertThat(sub.updates).allSatisfy(u -> assertThat(u.hasPing()).isTrue());
    assertThat(sub.updates).allSatisfy(u -> assertThat(u.getFiltersList()).isEmpty());

    sub.send(
        SubscribeRequest.newBuilder()
            .putSlots("s", SubscribeRequestFilterSlots.getDefaultInstance())
            .build());
    sub.ping(7);
    await().atMost(WAIT).until(() -> sub.hasPong(7));
    int afterPong = sub.updates.size();
    // The ping-only request left the slot filter in place.
    await()
        .atMost(WAIT)
        .until(
            () ->
                sub.updates.subList(afterPong, sub.updates.size()).stream()
                    .anyMatch(SubscribeUpdate::hasSlot));

    // A new request replaces the filter completely: block meta only from now on.
    sub.send(
        SubscribeRequest.newBuilder()
            .putBlocksMeta("m", SubscribeRequestFilterBlocksMeta.getDefaultInstance())
            .build());
    sub.ping(8);
    await().atMost(WAIT).until(() -> sub.hasPong(8));
    int afterReplace = sub.updates.size();
    await()
        .atMost(WAIT)
        .until(
            () ->
                sub.updates.subList(afterReplace, sub.updates.size()).stream()
                        .filter(SubscribeUpdate::hasBlockMeta)
                        .count()
                    >= 3);
    assertThat(sub.updates.subList(afterReplace, sub.updates.size()))
        .allSatisfy(u -> assertThat(u.hasBlockMeta() || u.hasPing()).isTrue());
    assertThat(sub.updates.stream().filter(SubscribeUpdate::hasPong))
        .allSatisfy(u -> assertThat(u.getFiltersList()).isEmpty());
  }

  @Test
  void headersArriveWhileNothingMatches() throws Exception {
    SimulatorServer server =
        start(
            settings(10, Duration.ofMillis(20), 10),
            new ModelSlotSource(MODEL, START, OptionalLong.empty()));
    TestSubscription sub = TestSubscription.open(channel(server));
    sub.send(
        SubscribeRequest.newBuilder()
            .putAccounts(
                "none",
                SubscribeRequestFilterAccounts.newBuilder()
                    .addAccount(b58(ByteString.copyFrom(new byte[32])))
                    .build())
            .build());
    await().atMost(WAIT).untilTrue(sub.headers);
    assertThat(sub.updates).isEmpty(); // pings come every 10 s: headers did not wait for a message
  }

  @Test
  void invalidFilterEndsTheStreamWithInvalidArgument() throws Exception {
    SimulatorServer server =
        start(
            settings(10, Duration.ofMillis(20), 10),
            new ModelSlotSource(MODEL, START, OptionalLong.empty()));
    TestSubscription sub = TestSubscription.open(channel(server));
    sub.send(
        SubscribeRequest.newBuilder()
            .putTransactions(
                "bad",
                SubscribeRequestFilterTransactions.newBuilder()
                    .addAccountInclude("not-base58-0OIl")
                    .build())
            .build());
    await().atMost(WAIT).until(() -> sub.status.get() != null);
    assertThat(sub.status.get().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(sub.status.get().getDescription()).startsWith("failed to create filter: ");
  }

  @Test
  void cutEveryEndsEachStreamAfterNUpdates() throws Exception {
    ServerSettings base = settings(10, Duration.ofMillis(5), 10);
    ServerSettings cutting = base.withChaos(new ChaosSettings(25, 0, false, Duration.ZERO), 0);
    SimulatorServer server =
        start(cutting, new ModelSlotSource(MODEL, START, OptionalLong.empty()));
    ManagedChannel channel = channel(server);
    for (int attempt = 0; attempt < 2; attempt++) {
      TestSubscription sub = TestSubscription.open(channel);
      sub.send(
          SubscribeRequest.newBuilder()
              .putAccounts("all", SubscribeRequestFilterAccounts.getDefaultInstance())
              .build());
      await().atMost(WAIT).until(() -> sub.status.get() != null);
      assertThat(sub.status.get().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(sub.updates).hasSize(25);
    }
  }

  @Test
  void randomCutsEndStreamsWithUnavailable() throws Exception {
    ServerSettings base = settings(10, Duration.ofMillis(5), 10);
    ServerSettings cutting = base.withChaos(new ChaosSettings(0, 0.02, false, Duration.ZERO), 3);
    SimulatorServer server =
        start(cutting, new ModelSlotSource(MODEL, START, OptionalLong.empty()));
    TestSubscription sub = TestSubscription.open(channel(server));
    sub.send(
        SubscribeRequest.newBuilder()
            .putAccounts("all", SubscribeRequestFilterAccounts.getDefaultInstance())
            .build());
    await().atMost(WAIT).until(() -> sub.status.get() != null);
    assertThat(sub.status.get().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(sub.status.get().getDescription())
        .isEqualTo("simulated stream cut after " + sub.updates.size() + " updates");
  }

  @Test
  void abruptCutDropsTheConnectionAndTheServerAcceptsAgain() throws Exception {
    ServerSettings base = settings(10, Duration.ofMillis(5), 10);
    ServerSettings cutting = base.withChaos(new ChaosSettings(40, 0, true, Duration.ZERO), 0);
    SimulatorServer server =
        start(cutting, new ModelSlotSource(MODEL, START, OptionalLong.empty()));
    ManagedChannel channel = channel(server);
    TestSubscription sub = TestSubscription.open(channel);
    sub.send(
        SubscribeRequest.newBuilder()
            .putAccounts("all", SubscribeRequestFilterAccounts.getDefaultInstance())
            .build());
    await().atMost(WAIT).until(() -> sub.status.get() != null);
    // A reset stream, not a status the server sent: grpc-java reports the RST_STREAM as CANCELLED.
    assertThat(sub.status.get().getCode()).isIn(Status.Code.CANCELLED, Status.Code.UNAVAILABLE);
    assertThat(String.valueOf(sub.status.get().getDescription()))
        .doesNotContain("simulated stream cut");
    assertThat(sub.updates).hasSizeGreaterThanOrEqualTo(40);
    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .until(
            () ->
                GeyserGrpc.newBlockingStub(channel)
                        .getVersion(GetVersionRequest.getDefaultInstance())
                    != null);
  }

  @Test
  void aClientThatStopsReadingIsEndedAsLaggedNotBufferedForever() throws Exception {
    ServerSettings base = settings(10, Duration.ofMillis(1), 10);
    ServerSettings small = base.withQueueCapacity(64);
    SimulatorServer server = start(small, new ModelSlotSource(MODEL, START, OptionalLong.empty()));
    TestSubscription stalled = new TestSubscription(channel(server), new Metadata(), false);
    stalled.send(
        SubscribeRequest.newBuilder()
            .putAccounts("all", SubscribeRequestFilterAccounts.getDefaultInstance())
            .build());
    // The server gives up on the session (its queue filled) ...
    await().atMost(WAIT).until(() -> server.openSessions() == 0);
    // ... and once the client reads again it gets what the transport held, then the status.
    stalled.request(Integer.MAX_VALUE);
    await().atMost(WAIT).until(() -> stalled.status.get() != null);
    assertThat(stalled.status.get().getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(stalled.status.get().getDescription()).isEqualTo("lagged to send an update");
  }

  @Test
  void aCaptureFileIsServedAsSlots(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path file = dir.resolve("capture.gz");
    try (var writer = io.geyserindexer.proto.capture.CaptureWriter.create(file)) {
      for (long slot = START; slot <= END; slot++) {
        for (SubscribeUpdate update : MODEL.slot(slot).updates()) {
          writer.write(update);
        }
      }
    }
    GatedSlotSource source =
        new GatedSlotSource(io.geyserindexer.simulator.replay.CaptureSlotSource.open(file));
    SimulatorServer server = start(settings(0, Duration.ZERO, 10), source);
    TestSubscription sub =
        subscribeAndOpen(
            server,
            source,
            SubscribeRequest.newBuilder()
                .setCommitment(CommitmentLevel.FINALIZED)
                .putBlocksMeta("m", SubscribeRequestFilterBlocksMeta.getDefaultInstance())
                .putTransactions("t", SubscribeRequestFilterTransactions.getDefaultInstance())
                .build());
    long lastLive = MODEL.chain().isDead(END) ? MODEL.chain().parent(END) : END;
    await()
        .atMost(WAIT)
        .until(
            () ->
                sub.updates.stream()
                    .anyMatch(u -> u.hasBlockMeta() && u.getBlockMeta().getSlot() == lastLive));
    List<SubscribeUpdateTransaction> expected = new ArrayList<>();
    for (long slot = START; slot <= END; slot++) {
      SlotContent content = MODEL.slot(slot);
      if (!content.dead()) {
        expected.addAll(content.transactions());
      }
    }
    assertThat(
            sub.updates.stream()
                .filter(SubscribeUpdate::hasTransaction)
                .map(SubscribeUpdate::getTransaction)
                .toList())
        .containsExactlyElementsOf(expected);
  }

  // ------------------------------------------------------------------ helpers

  private TestSubscription subscribeAndOpen(
      SimulatorServer server, GatedSlotSource source, SubscribeRequest request) {
    TestSubscription sub = TestSubscription.open(channel(server));
    sub.send(request).ping(1);
    // The pong is queued after the filter was installed: from here on nothing can be missed.
    await().atMost(WAIT).until(() -> sub.hasPong(1));
    source.open();
    return sub;
  }

  private static boolean hasStatus(TestSubscription sub, long slot, SlotStatus status) {
    return sub.updates.stream()
        .anyMatch(
            u -> u.hasSlot() && u.getSlot().getSlot() == slot && u.getSlot().getStatus() == status);
  }

  private static ServerSettings settings(int replaySlots, Duration interval, int finalizeDepth) {
    return new ServerSettings(
        0,
        Optional.empty(),
        replaySlots,
        Duration.ofSeconds(10),
        250_000,
        interval,
        1,
        Math.min(2, finalizeDepth),
        ChaosSettings.NONE,
        0);
  }

  private GatedSlotSource gated(long end) {
    return new GatedSlotSource(new ModelSlotSource(MODEL, START, OptionalLong.of(end)));
  }

  private SimulatorServer start(ServerSettings settings, SlotSource source) throws Exception {
    SimulatorServer server = new SimulatorServer(settings, source).start();
    closeables.add(server);
    return server;
  }

  private ManagedChannel channel(SimulatorServer server) {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", server.port())
            .usePlaintext()
            .maxInboundMessageSize(64 * 1024 * 1024)
            .build();
    closeables.add(
        () -> {
          channel.shutdownNow();
          channel.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        });
    return channel;
  }

  private static Metadata token(String value) {
    Metadata metadata = new Metadata();
    metadata.put(XTokenInterceptor.X_TOKEN, value);
    return metadata;
  }

  private static String b58(ByteString key) {
    return Base58.encode(key.toByteArray());
  }

  private static long firstDeadAfter(long slot) {
    long s = slot;
    while (!MODEL.chain().isDead(s) || MODEL.chain().isDead(s - 1) || MODEL.chain().isDead(s + 1)) {
      s++;
    }
    return s;
  }
}
