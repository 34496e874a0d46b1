package io.geyserindexer.ingestor;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The first fatal error of the process, recorded by whichever component meets it (a send Kafka
 * rejected for good, a subscription the server refuses). Components check it in their loops; the
 * main thread wakes on it and exits non-zero with its one-line reason.
 */
public final class FatalError {

  private final AtomicReference<String> reason = new AtomicReference<>();
  private final CountDownLatch raised = new CountDownLatch(1);

  /** Records {@code message} unless an earlier error was recorded; later ones are ignored. */
  public void raise(String message) {
    if (reason.compareAndSet(null, message)) {
      raised.countDown();
    }
  }

  public boolean isRaised() {
    return reason.get() != null;
  }

  /** The reason, or null. */
  public String reason() {
    return reason.get();
  }

  /** Waits up to {@code timeout} for an error; true when one was raised. */
  public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
    return raised.await(timeout, unit);
  }
}
