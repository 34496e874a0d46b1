package io.geyserindexer.simulator.server;

import io.geyserindexer.proto.geyser.CommitmentLevel;
import io.geyserindexer.simulator.traffic.SlotContent;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The bounded replay window: the last {@code capacity} produced slots with the highest commitment
 * each reached (none for a dead slot), plus the newest slot per commitment for GetSlot. Not
 * thread-safe: the broadcaster guards it with its lock.
 */
final class SlotStore {

  /** A stored slot; {@code reached} is null while it has not been processed (a dead slot). */
  record Stored(SlotContent content, CommitmentLevel reached) {}

  private final int capacity;
  private final NavigableMap<Long, Stored> slots = new TreeMap<>();
  private final long[] latest = {-1, -1, -1};

  SlotStore(int capacity) {
    this.capacity = capacity;
  }

  void reached(SlotContent content, CommitmentLevel level) {
    if (level != null) {
      latest[level.getNumber()] = Math.max(latest[level.getNumber()], content.slot());
    }
    if (capacity == 0) {
      return;
    }
    Stored previous = slots.get(content.slot());
    if (previous == null) {
      slots.put(content.slot(), new Stored(content, level));
      while (slots.size() > capacity) {
        slots.pollFirstEntry();
      }
    } else if (level != null) {
      slots.put(content.slot(), new Stored(previous.content(), level));
    }
  }

  boolean replayEnabled() {
    return capacity > 0;
  }

  OptionalLong oldest() {
    return slots.isEmpty() ? OptionalLong.empty() : OptionalLong.of(slots.firstKey());
  }

  List<Stored> from(long slot) {
    return new ArrayList<>(slots.tailMap(slot, true).values());
  }

  /** The newest slot that reached {@code level} (and so has its block meta), if any. */
  OptionalLong latest(CommitmentLevel level) {
    long slot = latest[level.getNumber()];
    return slot < 0 ? OptionalLong.empty() : OptionalLong.of(slot);
  }
}
