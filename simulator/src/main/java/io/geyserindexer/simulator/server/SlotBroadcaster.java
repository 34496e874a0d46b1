package io.geyserindexer.simulator.server;

import com.google.protobuf.Timestamp;
import io.geyserindexer.proto.geyser.CommitmentLevel;
import io.geyserindexer.simulator.filter.SubscriptionFilter;
import io.geyserindexer.simulator.traffic.SlotContent;
import io.grpc.Status;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Fans slot stage events out to the sessions and owns the replay store. One lock orders live
 * publishing against from_slot replays: a session that replays under the lock and then receives
 * live events sees every slot exactly once, with no gap and no overlap.
 */
final class SlotBroadcaster {

  /**
   * Queue depth below which the as-fast-as-possible clock produces the next slot: a few slots of
   * lead keep the stream busy without letting generation race ahead and starve delivery of CPU.
   */
  private static final int ROOM = 8_192;

  private final Object lock = new Object();
  private final SlotStore store;
  private final List<GeyserSession> sessions = new CopyOnWriteArrayList<>();

  SlotBroadcaster(int replaySlots) {
    this.store = new SlotStore(replaySlots);
  }

  void register(GeyserSession session) {
    sessions.add(session);
  }

  void unregister(GeyserSession session) {
    sessions.remove(session);
  }

  List<GeyserSession> sessions() {
    return sessions;
  }

  /** A slot reached {@code stage} (PROCESSED also for a dead slot: its replay is over). */
  void publish(SlotContent slot, CommitmentLevel stage) {
    synchronized (lock) {
      boolean dead = slot.dead();
      store.reached(slot, dead ? null : stage);
      Timestamp now = CreatedAt.now();
      for (GeyserSession session : sessions) {
        session.offer(SlotRenderer.stage(slot, stage, session.filter(), now));
      }
    }
  }

  /**
   * Installs a new filter, replaying stored slots from {@code fromSlot} first when given.
   *
   * @throws io.grpc.StatusException INTERNAL when replay is disabled, OUT_OF_RANGE when the slot is
   *     older than the oldest stored one
   */
  void apply(GeyserSession session, SubscriptionFilter filter, OptionalLong fromSlot)
      throws io.grpc.StatusException {
    synchronized (lock) {
      if (fromSlot.isPresent()) {
        if (!store.replayEnabled()) {
          throw Status.INTERNAL.withDescription("from_slot is not supported").asException();
        }
        OptionalLong oldest = store.oldest();
        long from = fromSlot.getAsLong();
        if (oldest.isPresent() && Long.compareUnsigned(from, oldest.getAsLong()) < 0) {
          throw Status.OUT_OF_RANGE
              .withDescription(
                  "broadcast from "
                      + Long.toUnsignedString(from)
                      + " is not available, last available: "
                      + oldest.getAsLong())
              .asException();
        }
        session.filter(filter);
        Timestamp now = CreatedAt.now();
        for (SlotStore.Stored stored : store.from(from)) {
          session.offer(SlotRenderer.replay(stored.content(), stored.reached(), filter, now));
        }
      } else {
        session.filter(filter);
      }
    }
  }

  OptionalLong firstAvailable() {
    synchronized (lock) {
      return store.oldest();
    }
  }

  boolean replayEnabled() {
    return store.replayEnabled();
  }

  OptionalLong latest(CommitmentLevel level) {
    synchronized (lock) {
      return store.latest(level);
    }
  }

  /**
   * Backpressure for "as fast as possible": waits until every open session's queue is at most
   * min(half its capacity, ROOM), so the benchmark measures delivery instead of killing lagging
   * clients.
   */
  void awaitRoom(BooleanSupplier running) {
    while (running.getAsBoolean()) {
      boolean room = true;
      for (GeyserSession session : sessions) {
        if (session.open() && session.depth() > Math.min(session.capacity() / 2, ROOM)) {
          room = false;
          break;
        }
      }
      if (room) {
        return;
      }
      LockSupport.parkNanos(200_000);
    }
  }

  void closeAll(Status status) {
    sessions.forEach(s -> s.end(status));
  }
}
