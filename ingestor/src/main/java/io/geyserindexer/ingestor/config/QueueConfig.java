package io.geyserindexer.ingestor.config;

import io.geyserindexer.ingestor.buffer.OverflowPolicy;

/** The bounded queue between the stream and the producer. */
public record QueueConfig(int capacity, OverflowPolicy policy) {

  public QueueConfig {
    if (capacity < 1 || capacity > 10_000_000) {
      throw new IllegalArgumentException(
          "QUEUE_CAPACITY must be between 1 and 10000000, was " + capacity);
    }
  }
}
