package io.geyserindexer.launcher.e2e;

import io.geyserindexer.simulator.server.SlotSource;
import io.geyserindexer.simulator.traffic.SlotContent;
import java.util.concurrent.CountDownLatch;

/**
 * Holds the simulator's first slot back until the test opens the gate, so the ingestor's filter is
 * installed before any slot exists and the expected stream is exactly computable.
 */
final class GatedSlotSource implements SlotSource, AutoCloseable {

  private final SlotSource delegate;
  private final CountDownLatch gate = new CountDownLatch(1);

  GatedSlotSource(SlotSource delegate) {
    this.delegate = delegate;
  }

  void open() {
    gate.countDown();
  }

  @Override
  public boolean hasNext() {
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return delegate.hasNext();
  }

  @Override
  public SlotContent next() {
    return delegate.next();
  }

  @Override
  public void close() {
    gate.countDown();
  }
}
