package io.geyserindexer.ingestor.parse;

import io.geyserindexer.proto.events.EventRecord;

/**
 * One event ready to publish: its kind (which names the topic), the record key, the slot it belongs
 * to (as an unsigned u64 in a long) and the record value.
 */
public record ParsedEvent(EventKind kind, String key, long slot, EventRecord record) {

  /** The serialized record value. */
  public byte[] value() {
    return record.toByteArray();
  }
}
