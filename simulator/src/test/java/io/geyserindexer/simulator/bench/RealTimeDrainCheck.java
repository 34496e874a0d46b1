package io.geyserindexer.simulator.bench;

import com.google.protobuf.Timestamp;
import io.geyserindexer.proto.geyser.CommitmentLevel;
import io.geyserindexer.simulator.SlotRates;
import io.geyserindexer.simulator.filter.SubscriptionFilter;
import io.geyserindexer.simulator.server.SlotRenderer;
import io.geyserindexer.simulator.traffic.SlotContent;
import io.geyserindexer.simulator.traffic.TrafficConfig;
import io.geyserindexer.simulator.traffic.TrafficModel;
import java.util.concurrent.TimeUnit;

/**
 * Checks that one client subscribed as the ingestor is (CONFIRMED unless told) keeps up with a
 * simulator serving in real time, from its own JVM. It prints, per window, the delivered rate
 * against the rate the profile owes this subscription (computed from the traffic model:
 * transactions, collapsed account writes, block meta and commitment statuses per slot), and the
 * largest delay between an update's created_at and its arrival; at the end, whether the stream was
 * ended (a lagged client gets INTERNAL "lagged to send an update"). Not a test; run by hand against
 * e.g. {@code java -jar simulator.jar --profile mainnet-2x --port 10000}:
 *
 * <pre>
 * java -cp simulator/target/test-classes:simulator/target/simulator.jar \
 *   io.geyserindexer.simulator.bench.RealTimeDrainCheck [port=10000] [profile=mainnet-2x] [seconds=60] [commitment=confirmed]
 * </pre>
 */
public final class RealTimeDrainCheck {

  private static final int WINDOW_SECONDS = 10;

  private RealTimeDrainCheck() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    String profile = args.length > 1 ? args[1] : "mainnet-2x";
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    CommitmentLevel commitment =
        args.length > 3
            ? CommitmentLevel.valueOf(args[3].toUpperCase())
            : CommitmentLevel.CONFIRMED;
    SlotRates rates = SlotRates.resolve(profile, null, null, null, null);
    double slotsPerSecond = 1e9 / rates.slotInterval().toNanos();
    double owedPerSlot = owedPerSlot(rates, commitment);
    System.out.printf(
        "profile %s: %.2f slots/s, %.0f updates owed per slot to the ingestor's subscription at"
            + " %s, so %.0f updates/s%n",
        profile, slotsPerSecond, owedPerSlot, commitment, owedPerSlot * slotsPerSecond);
    try (DrainingSubscriber client = new DrainingSubscriber("127.0.0.1", port, commitment)) {
      DrainingSubscriber.Counts c = client.counts;
      long u0 = c.updates.sum();
      long m0 = c.blockMetas.sum();
      long start = System.nanoTime();
      long maxDelay = 0;
      for (int elapsed = 0; elapsed < seconds && client.closed.get() == null; ) {
        long wu = c.updates.sum();
        long wm = c.blockMetas.sum();
        long wt = System.nanoTime();
        int window = Math.min(WINDOW_SECONDS, seconds - elapsed);
        Thread.sleep(TimeUnit.SECONDS.toMillis(window)); // a harness window, not synchronisation
        elapsed += window;
        double took = (System.nanoTime() - wt) / 1e9;
        long delay = c.takeMaxDelay();
        maxDelay = elapsed > WINDOW_SECONDS ? Math.max(maxDelay, delay) : maxDelay;
        System.out.printf(
            "t=%3ds: %.0f updates/s (%.0f owed), %.2f blocks/s, max created_at delay %.1f ms%n",
            elapsed,
            (c.updates.sum() - wu) / took,
            owedPerSlot * slotsPerSecond,
            (c.blockMetas.sum() - wm) / took,
            delay / 1e3);
      }
      double took = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "overall: %.0f updates/s delivered vs %.0f owed (%.1f%%), %.2f blocks/s vs %.2f;"
              + " max delay after the first window %.1f ms; stream %s%n",
          (c.updates.sum() - u0) / took,
          owedPerSlot * slotsPerSecond,
          100 * (c.updates.sum() - u0) / took / (owedPerSlot * slotsPerSecond),
          (c.blockMetas.sum() - m0) / took,
          slotsPerSecond * (1 - 1.0 / TrafficConfig.defaults(1, 0, 0).deadSlotWindow()),
          maxDelay / 1e3,
          client.closed.get() == null ? "open (never ended as lagged)" : client.closed.get());
    }
  }

  /** Mean updates per slot the server owes a subscriber with the ingestor's filters. */
  private static double owedPerSlot(SlotRates rates, CommitmentLevel commitment) throws Exception {
    TrafficModel model =
        new TrafficModel(
            TrafficConfig.defaults(1, rates.transactionsPerSlot(), rates.accountUpdatesPerSlot()));
    SubscriptionFilter filter =
        SubscriptionFilter.compile(
            DrainingSubscriber.ingestorDefault().toBuilder().setCommitment(commitment).build());
    int slots = 100;
    long total = 0;
    for (long slot = 300_000_000L; slot < 300_000_000L + slots; slot++) {
      SlotContent content = model.slot(slot);
      for (CommitmentLevel stage :
          new CommitmentLevel[] {
            CommitmentLevel.PROCESSED, CommitmentLevel.CONFIRMED, CommitmentLevel.FINALIZED
          }) {
        total += SlotRenderer.stage(content, stage, filter, Timestamp.getDefaultInstance()).size();
      }
    }
    return (double) total / slots;
  }
}
