package io.geyserindexer.simulator.replay;

import io.geyserindexer.proto.capture.CaptureReader;
import io.geyserindexer.proto.geyser.SlotStatus;
import io.geyserindexer.proto.geyser.SubscribeUpdate;
import io.geyserindexer.proto.geyser.SubscribeUpdateAccount;
import io.geyserindexer.proto.geyser.SubscribeUpdateBlockMeta;
import io.geyserindexer.proto.geyser.SubscribeUpdateSlot;
import io.geyserindexer.proto.geyser.SubscribeUpdateTransaction;
import io.geyserindexer.simulator.server.SlotSource;
import io.geyserindexer.simulator.traffic.SlotContent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a capture file as slots, reading it lazily. Updates are grouped by slot; a slot is
 * complete when its first commitment status (or DEAD) arrives, which in a real stream follows its
 * content and block meta. The server then re-emits it through its own commitment state machine, so
 * any subscriber commitment works on any capture. Pings, pongs, entries, blocks and
 * transaction_status updates in the capture are skipped (the latter are derived from transactions).
 */
public final class CaptureSlotSource implements SlotSource, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CaptureSlotSource.class);
  private static final int REMEMBERED_SLOTS = 10_000;

  private final CaptureReader reader;
  private final Map<Long, SlotBuilder> open = new LinkedHashMap<>();
  private final Set<Long> emitted = new LinkedHashSet<>();
  private final List<SlotContent> ready = new ArrayList<>();
  private boolean exhausted;

  private CaptureSlotSource(CaptureReader reader) {
    this.reader = reader;
  }

  public static CaptureSlotSource open(Path file) {
    try {
      return new CaptureSlotSource(CaptureReader.open(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot open replay file " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean hasNext() {
    fill();
    return !ready.isEmpty();
  }

  @Override
  public SlotContent next() {
    if (!hasNext()) {
      throw new NoSuchElementException("capture exhausted");
    }
    return ready.remove(0);
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }

  private void fill() {
    try {
      while (ready.isEmpty() && !exhausted) {
        Optional<SubscribeUpdate> next = reader.next();
        if (next.isEmpty()) {
          exhausted = true;
          open.values().stream()
              .map(SlotBuilder::buildAtEnd)
              .flatMap(Optional::stream)
              .forEach(ready::add);
          LOG.info("replay file exhausted after {} updates", reader.read());
          return;
        }
        accept(next.get());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void accept(SubscribeUpdate update) {
    switch (update.getUpdateOneofCase()) {
      case ACCOUNT ->
          builder(update.getAccount().getSlot())
              .ifPresent(b -> b.accounts.add(update.getAccount()));
      case TRANSACTION ->
          builder(update.getTransaction().getSlot())
              .ifPresent(b -> b.transactions.add(update.getTransaction()));
      case BLOCK_META ->
          builder(update.getBlockMeta().getSlot())
              .ifPresent(b -> b.blockMeta = update.getBlockMeta());
      case SLOT -> slotStatus(update.getSlot());
      default -> {
        // ping, pong, entry, block, transaction_status: not part of replayed slot content
      }
    }
  }

  private void slotStatus(SubscribeUpdateSlot status) {
    Optional<SlotBuilder> builder = builder(status.getSlot());
    if (builder.isEmpty()) {
      return;
    }
    SlotBuilder slot = builder.get();
    if (status.hasParent()) {
      slot.parent = status.getParent();
    }
    SlotStatus kind = status.getStatus();
    if (kind == SlotStatus.SLOT_DEAD) {
      slot.deadError = status.getDeadError();
    }
    if (kind == SlotStatus.SLOT_DEAD
        || kind == SlotStatus.SLOT_PROCESSED
        || kind == SlotStatus.SLOT_CONFIRMED
        || kind == SlotStatus.SLOT_FINALIZED) {
      open.remove(status.getSlot());
      remember(status.getSlot());
      ready.add(slot.build());
    }
  }

  /** The open slot, created on first sight; empty for a slot already served. */
  private Optional<SlotBuilder> builder(long slot) {
    if (emitted.contains(slot)) {
      return Optional.empty();
    }
    return Optional.of(open.computeIfAbsent(slot, SlotBuilder::new));
  }

  private void remember(long slot) {
    emitted.add(slot);
    if (emitted.size() > REMEMBERED_SLOTS) {
      emitted.remove(emitted.iterator().next());
    }
  }

  private static final class SlotBuilder {
    final long slot;
    final List<SubscribeUpdateAccount> accounts = new ArrayList<>();
    final List<SubscribeUpdateTransaction> transactions = new ArrayList<>();
    SubscribeUpdateBlockMeta blockMeta;
    Long parent;
    String deadError;

    SlotBuilder(long slot) {
      this.slot = slot;
    }

    SlotContent build() {
      long parentSlot =
          parent != null ? parent : blockMeta != null ? blockMeta.getParentSlot() : slot - 1;
      List<SubscribeUpdateSlot> statuses = new ArrayList<>();
      if (deadError != null) {
        statuses.add(
            status(parentSlot, SlotStatus.SLOT_DEAD).toBuilder().setDeadError(deadError).build());
      } else {
        statuses.add(status(parentSlot, SlotStatus.SLOT_PROCESSED));
        statuses.add(status(parentSlot, SlotStatus.SLOT_CONFIRMED));
        statuses.add(status(parentSlot, SlotStatus.SLOT_FINALIZED));
      }
      return new SlotContent(
          slot,
          parentSlot,
          transactions,
          accounts,
          deadError != null ? Optional.empty() : Optional.ofNullable(blockMeta),
          statuses);
    }

    /** At the end of the capture only slots with a block meta are served; the rest were cut off. */
    Optional<SlotContent> buildAtEnd() {
      return blockMeta == null ? Optional.empty() : Optional.of(build());
    }

    private SubscribeUpdateSlot status(long parentSlot, SlotStatus status) {
      return SubscribeUpdateSlot.newBuilder()
          .setSlot(slot)
          .setParent(parentSlot)
          .setStatus(status)
          .build();
    }
  }
}
