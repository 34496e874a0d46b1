package io.geyserindexer.simulator.server;

import io.geyserindexer.simulator.traffic.SlotContent;
import io.geyserindexer.simulator.traffic.TrafficModel;
import java.util.NoSuchElementException;
import java.util.OptionalLong;

/** Slots start, start + 1, ... from the traffic model, up to an optional last slot. */
public final class ModelSlotSource implements SlotSource {

  private final TrafficModel model;
  private final OptionalLong endSlot;
  private long next;

  public ModelSlotSource(TrafficModel model, long startSlot, OptionalLong endSlot) {
    if (endSlot.isPresent() && endSlot.getAsLong() < startSlot) {
      throw new IllegalArgumentException(
          "end slot " + endSlot.getAsLong() + " is before start slot " + startSlot);
    }
    this.model = model;
    this.endSlot = endSlot;
    this.next = startSlot;
  }

  @Override
  public boolean hasNext() {
    return endSlot.isEmpty() || next <= endSlot.getAsLong();
  }

  @Override
  public SlotContent next() {
    if (!hasNext()) {
      throw new NoSuchElementException("past the end slot");
    }
    return model.slot(next++);
  }
}
