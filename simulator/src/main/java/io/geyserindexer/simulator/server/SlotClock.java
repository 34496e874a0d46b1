package io.geyserindexer.simulator.server;

import io.geyserindexer.proto.geyser.CommitmentLevel;
import io.geyserindexer.simulator.traffic.SlotContent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces one slot per tick and moves earlier slots along: a live slot is confirmed {@code
 * confirmDepth} ticks after it was processed and finalized {@code finalizeDepth} ticks after. Once
 * the source ends, ticks continue until every slot is finalized, then the clock stops (the server
 * keeps serving replays and pings). A zero interval runs as fast as the slowest subscriber drains.
 */
final class SlotClock implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SlotClock.class);

  private record Pending(SlotContent slot, long tick) {}

  private final SlotSource source;
  private final SlotBroadcaster broadcaster;
  private final Duration interval;
  private final int confirmDepth;
  private final int finalizeDepth;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long slotsProduced;

  SlotClock(
      SlotSource source,
      SlotBroadcaster broadcaster,
      Duration interval,
      int confirmDepth,
      int finalizeDepth) {
    if (confirmDepth < 0 || finalizeDepth < confirmDepth) {
      throw new IllegalArgumentException(
          "need 0 <= confirmDepth <= finalizeDepth, got " + confirmDepth + " and " + finalizeDepth);
    }
    this.source = source;
    this.broadcaster = broadcaster;
    this.interval = interval;
    this.confirmDepth = confirmDepth;
    this.finalizeDepth = finalizeDepth;
    this.thread = new Thread(this::loop, "slot-clock");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  long slotsProduced() {
    return slotsProduced;
  }

  boolean finished() {
    return !thread.isAlive();
  }

  private void loop() {
    Deque<Pending> unconfirmed = new ArrayDeque<>();
    Deque<Pending> unfinalized = new ArrayDeque<>();
    long start = System.nanoTime();
    long tick = 0;
    try {
      while (running) {
        if (source.hasNext()) {
          if (interval.isZero()) {
            broadcaster.awaitRoom(() -> running);
          }
          SlotContent slot = source.next();
          broadcaster.publish(slot, CommitmentLevel.PROCESSED);
          slotsProduced++;
          if (!slot.dead()) {
            unconfirmed.add(new Pending(slot, tick));
            unfinalized.add(new Pending(slot, tick));
          }
        } else if (unfinalized.isEmpty()) {
          LOG.info("slot source exhausted after {} slots; every slot finalized", slotsProduced);
          return;
        }
        while (!unconfirmed.isEmpty() && tick - unconfirmed.peek().tick() >= confirmDepth) {
          broadcaster.publish(unconfirmed.poll().slot(), CommitmentLevel.CONFIRMED);
        }
        while (!unfinalized.isEmpty() && tick - unfinalized.peek().tick() >= finalizeDepth) {
          broadcaster.publish(unfinalized.poll().slot(), CommitmentLevel.FINALIZED);
        }
        tick++;
        long wait = start + tick * interval.toNanos() - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
    } catch (RuntimeException e) {
      LOG.error("slot clock stopped: {}", e.toString(), e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(TimeUnit.SECONDS.toMillis(5));
  }
}
