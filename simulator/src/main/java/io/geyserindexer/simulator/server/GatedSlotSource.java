package io.geyserindexer.simulator.server;

import io.geyserindexer.simulator.traffic.SlotContent;
import java.util.concurrent.CountDownLatch;

/**
 * Holds the first slot back until {@link #open()}, so a subscriber can install its filter first and
 * the stream it receives is exactly computable from the traffic model (tests use it to compare what
 * arrived with what was owed, slot for slot).
 */
public final class GatedSlotSource implements SlotSource, AutoCloseable {

  private final SlotSource delegate;
  private final CountDownLatch gate = new CountDownLatch(1);

  public GatedSlotSource(SlotSource delegate) {
    this.delegate = delegate;
  }

  public void open() {
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
  public void close() throws Exception {
    gate.countDown();
    if (delegate instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }
}
