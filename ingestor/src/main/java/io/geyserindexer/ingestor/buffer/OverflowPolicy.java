package io.geyserindexer.ingestor.buffer;

import java.util.Locale;

/** What the ingestor does when Kafka cannot keep up and the queue is full. */
public enum OverflowPolicy {
  /** Stop requesting messages from the stream; HTTP/2 flow control pushes back on the server. */
  BLOCK,
  /** Keep reading; drop events that find the queue full, counting every one. */
  DROP;

  /** Parses {@code block} or {@code drop}, case-insensitively. */
  public static OverflowPolicy parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "' is not one of block, drop", e);
    }
  }
}
