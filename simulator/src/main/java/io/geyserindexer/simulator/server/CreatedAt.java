package io.geyserindexer.simulator.server;

import com.google.protobuf.Timestamp;
import java.time.Instant;

/** The server wall clock as an update's created_at. */
final class CreatedAt {

  private CreatedAt() {}

  static Timestamp now() {
    Instant now = Instant.now();
    return Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
  }
}
