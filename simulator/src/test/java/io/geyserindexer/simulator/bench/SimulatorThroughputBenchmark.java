package io.geyserindexer.simulator.bench;

import io.geyserindexer.proto.geyser.GeyserGrpc;
import io.geyserindexer.proto.geyser.SubscribeRequest;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterAccounts;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterBlocksMeta;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterSlots;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterTransactions;
import io.geyserindexer.proto.geyser.SubscribeUpdate;
import io.geyserindexer.simulator.server.ChaosSettings;
import io.geyserindexer.simulator.server.ModelSlotSource;
import io.geyserindexer.simulator.server.ServerSettings;
import io.geyserindexer.simulator.server.SimulatorServer;
import io.geyserindexer.simulator.traffic.SlotContent;
import io.geyserindexer.simulator.traffic.TrafficConfig;
import io.geyserindexer.simulator.traffic.TrafficModel;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints the simulator's own maximum rate: (1) the traffic model alone, (2) the server at slot
 * interval 0 streaming everything to one draining client (manual flow control, request(64) batches,
 * direct executor). Not a test; run by hand:
 *
 * <pre>
 * java -cp simulator/target/test-classes:simulator/target/simulator.jar \
 *   io.geyserindexer.simulator.bench.SimulatorThroughputBenchmark [txPerSlot] [accountsPerSlot] [seconds]
 * </pre>
 */
public final class SimulatorThroughputBenchmark {

  private SimulatorThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    int tx = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int accounts = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    TrafficModel model = new TrafficModel(TrafficConfig.defaults(1, tx, accounts));
    modelOnly(model, seconds);
    server(model, seconds);
  }

  private static void modelOnly(TrafficModel model, int seconds) {
    long events = 0;
    long slot = 300_000_000L;
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long start = System.nanoTime();
    while (System.nanoTime() < end) {
      SlotContent content = model.slot(slot++);
      events += content.accounts().size() + content.transactions().size();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "model only: %d slots, %.0f slots/s, %.0f events/s (accounts + transactions)%n",
        slot - 300_000_000L, (slot - 300_000_000L) / elapsed, events / elapsed);
  }

  private static void server(TrafficModel model, int seconds) throws Exception {
    ServerSettings settings =
        new ServerSettings(
            0,
            Optional.empty(),
            300,
            Duration.ofSeconds(10),
            250_000,
            Duration.ZERO,
            1,
            32,
            ChaosSettings.NONE,
            0);
    try (SimulatorServer server =
        new SimulatorServer(
                settings, new ModelSlotSource(model, 300_000_000L, OptionalLong.empty()))
            .start()) {
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", server.port())
              .usePlaintext()
              .directExecutor()
              .maxInboundMessageSize(64 << 20)
              .build();
      AtomicLong updates = new AtomicLong();
      AtomicLong bytes = new AtomicLong();
      ClientCall<SubscribeRequest, SubscribeUpdate> call =
          channel.newCall(GeyserGrpc.getSubscribeMethod(), CallOptions.DEFAULT);
      call.start(
          new ClientCall.Listener<>() {
            private int credit = 64;

            @Override
            public void onMessage(SubscribeUpdate message) {
              updates.incrementAndGet();
              bytes.addAndGet(message.getSerializedSize());
              if (--credit == 0) {
                credit = 64;
                call.request(64);
              }
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
              System.out.println("stream closed: " + status);
            }
          },
          new Metadata());
      call.request(64);
      call.sendMessage(
          SubscribeRequest.newBuilder()
              .putAccounts("all", SubscribeRequestFilterAccounts.getDefaultInstance())
              .putTransactions("all", SubscribeRequestFilterTransactions.getDefaultInstance())
              .putSlots("all", SubscribeRequestFilterSlots.getDefaultInstance())
              .putBlocksMeta("all", SubscribeRequestFilterBlocksMeta.getDefaultInstance())
              .build());
      Thread.sleep(2_000); // warm-up of a benchmark harness, not test synchronisation
      long u0 = updates.get();
      long b0 = bytes.get();
      long s0 = server.slotsProduced();
      long t0 = System.nanoTime();
      Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
      double elapsed = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "server -> 1 draining client: %.0f updates/s, %.1f MB/s, %.1f slots/s%n",
          (updates.get() - u0) / elapsed,
          (bytes.get() - b0) / elapsed / 1e6,
          (server.slotsProduced() - s0) / elapsed);
      call.cancel("benchmark done", null);
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
