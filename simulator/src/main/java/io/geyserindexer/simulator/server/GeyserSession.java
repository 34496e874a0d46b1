package io.geyserindexer.simulator.server;

import io.geyserindexer.proto.geyser.SubscribeUpdate;
import io.geyserindexer.proto.geyser.SubscribeUpdatePing;
import io.geyserindexer.proto.geyser.SubscribeUpdatePong;
import io.geyserindexer.simulator.filter.SubscriptionFilter;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Subscribe stream. Producers (the slot clock, the ping timer, request handling) only offer to
 * a bounded queue; one drain thread per session is the only caller of the response observer, and it
 * writes only while the transport is ready (server-side flow control), so a slow client costs at
 * most {@code capacity} queued updates. A full queue ends the stream with INTERNAL "lagged to send
 * an update", as upstream does; with backpressure on, the clock waits instead (see {@link
 * SlotBroadcaster#awaitRoom}).
 */
final class GeyserSession implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(GeyserSession.class);

  /** Updates the drain thread takes from the queue at a time. */
  private static final int BATCH = 256;

  /**
   * Bytes grpc-java may buffer for the stream before it reports not ready (its default is 32 KiB, a
   * few dozen account writes): a deeper buffer lets the drain thread write longer runs between
   * waits for the transport, while the HTTP/2 window still bounds what is in flight.
   */
  private static final int ON_READY_THRESHOLD = 1 << 20;

  private final long id;
  private final ServerCallStreamObserver<SubscribeUpdate> observer;
  private final BlockingQueue<SubscribeUpdate> queue;
  private final int capacity;
  private final ChaosSettings chaos;
  private final SplittableRandom chaosRandom;
  private final Runnable onEnd;
  private final Runnable transportCut;
  private final Object readyMonitor = new Object();
  private volatile SubscriptionFilter filter = SubscriptionFilter.EMPTY;
  private volatile Status terminal;
  private volatile boolean cancelled;
  private volatile boolean chaosCut;
  private long sent;

  GeyserSession(
      long id,
      ServerCallStreamObserver<SubscribeUpdate> observer,
      int capacity,
      ChaosSettings chaos,
      long chaosSeed,
      Runnable onEnd,
      Runnable transportCut) {
    this.id = id;
    this.observer = observer;
    this.capacity = capacity;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.chaos = chaos;
    this.chaosRandom = new SplittableRandom(chaosSeed ^ id);
    this.onEnd = onEnd;
    this.transportCut = transportCut;
    observer.setOnReadyThreshold(ON_READY_THRESHOLD);
    observer.setOnReadyHandler(this::wakeDrain);
    observer.setOnCancelHandler(
        () -> {
          cancelled = true;
          wakeDrain();
        });
  }

  long id() {
    return id;
  }

  SubscriptionFilter filter() {
    return filter;
  }

  void filter(SubscriptionFilter filter) {
    this.filter = filter;
  }

  boolean open() {
    return terminal == null && !cancelled;
  }

  int depth() {
    return queue.size();
  }

  int capacity() {
    return capacity;
  }

  /** Queues complete updates (created_at set); a full queue ends the stream (lagged). */
  void offer(List<SubscribeUpdate> updates) {
    if (!open() || updates.isEmpty()) {
      return;
    }
    for (SubscribeUpdate update : updates) {
      if (!queue.offer(update)) {
        end(Status.INTERNAL.withDescription("lagged to send an update"));
        return;
      }
    }
  }

  void ping() {
    offer(
        List.of(
            SubscribeUpdate.newBuilder()
                .setPing(SubscribeUpdatePing.getDefaultInstance())
                .setCreatedAt(CreatedAt.now())
                .build()));
  }

  void pong(int pingId) {
    offer(
        List.of(
            SubscribeUpdate.newBuilder()
                .setPong(SubscribeUpdatePong.newBuilder().setId(pingId))
                .setCreatedAt(CreatedAt.now())
                .build()));
  }

  /**
   * Ends the stream with {@code status} as soon as the drain thread sees it; queued updates drop.
   */
  void end(Status status) {
    if (terminal == null) {
      terminal = status;
    }
    wakeDrain();
  }

  @Override
  public void run() {
    List<SubscribeUpdate> batch = new ArrayList<>(BATCH);
    try {
      while (true) {
        if (cancelled) {
          return;
        }
        if (terminal != null) {
          finish(terminal);
          return;
        }
        SubscribeUpdate first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        // Take what else is queued under one lock instead of one poll per update.
        batch.add(first);
        queue.drainTo(batch, BATCH - 1);
        for (SubscribeUpdate next : batch) {
          if (!open() || !send(next)) {
            break; // the loop's head ends the stream; the rest of the batch drops with the queue
          }
        }
        batch.clear();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      finish(Status.UNAVAILABLE.withDescription("server is shutting down try again later"));
    } catch (RuntimeException e) {
      LOG.warn("session {} failed: {}", id, e.toString());
    } finally {
      cancelled = true;
      onEnd.run();
    }
  }

  /** Sends one update once the transport is ready; false when the stream ended meanwhile. */
  private boolean send(SubscribeUpdate update) throws InterruptedException {
    if (!awaitReady()) {
      return false;
    }
    if (!chaos.delayPerMessage().isZero()) {
      Thread.sleep(
          chaos.delayPerMessage().toMillis(), chaos.delayPerMessage().toNanosPart() % 1_000_000);
    }
    observer.onNext(update);
    sent++;
    if (chaos.cuts() && cutNow()) {
      chaosCut = true;
      end(Status.UNAVAILABLE.withDescription("simulated stream cut after " + sent + " updates"));
    }
    return true;
  }

  private boolean cutNow() {
    return (chaos.cutEvery() > 0 && sent % chaos.cutEvery() == 0)
        || (chaos.cutProbability() > 0 && chaosRandom.nextDouble() < chaos.cutProbability());
  }

  /** Waits for transport readiness; false when the stream ended meanwhile. */
  private boolean awaitReady() throws InterruptedException {
    synchronized (readyMonitor) {
      while (!observer.isReady()) {
        if (cancelled || terminal != null) {
          return false;
        }
        readyMonitor.wait(50);
      }
    }
    return true;
  }

  private void finish(Status status) {
    if (cancelled) {
      return;
    }
    try {
      if (chaos.abrupt() && chaosCut) {
        // No status at all: every connection of the server drops, as when a proxy or node dies.
        transportCut.run();
      } else {
        observer.onError(status.asRuntimeException());
      }
    } catch (RuntimeException e) {
      LOG.debug("session {} could not be closed cleanly: {}", id, e.toString());
    }
    LOG.info(
        "session {} ended after {} updates: {} {}",
        id,
        sent,
        status.getCode(),
        status.getDescription());
  }

  private void wakeDrain() {
    synchronized (readyMonitor) {
      readyMonitor.notifyAll();
    }
  }
}
