package io.geyserindexer.persister.consume;

import com.google.protobuf.InvalidProtocolBufferException;
import io.geyserindexer.proto.events.EventRecord;
import io.geyserindexer.proto.events.SchemaVersion;
import io.geyserindexer.proto.events.SlotStatus;

/**
 * Turns a Kafka record value into an {@link EventRecord}, or says precisely why it never can be: no
 * value, bytes that are not an EventRecord, schema version 0 or newer than this persister knows, no
 * event, or a slot status outside the known set.
 */
public final class EventDecoder {

  /** The newest layout this persister reads. */
  public static final int SUPPORTED_SCHEMA_VERSION = SchemaVersion.SCHEMA_VERSION_1_VALUE;

  public EventRecord decode(byte[] value) throws RecordRejectedException {
    if (value == null) {
      throw new RecordRejectedException("empty", "record has no value (tombstone)", null);
    }
    EventRecord record;
    try {
      record = EventRecord.parseFrom(value);
    } catch (InvalidProtocolBufferException e) {
      throw new RecordRejectedException(
          "undecodable", "value is not an EventRecord: " + e.getMessage(), e);
    }
    int version = record.getSchemaVersion();
    if (version == 0 || version > SUPPORTED_SCHEMA_VERSION) {
      throw new RecordRejectedException(
          "schema_version",
          "schema_version "
              + Integer.toUnsignedString(version)
              + " is not supported (this persister reads 1.."
              + SUPPORTED_SCHEMA_VERSION
              + ")",
          null);
    }
    if (record.getEventCase() == EventRecord.EventCase.EVENT_NOT_SET) {
      throw new RecordRejectedException(
          "no_event", "record carries no event (or only one this persister does not know)", null);
    }
    if (record.hasSlotStatus()) {
      SlotStatus status = record.getSlotStatus().getStatus();
      if (status == SlotStatus.SLOT_STATUS_UNSPECIFIED || status == SlotStatus.UNRECOGNIZED) {
        throw new RecordRejectedException(
            "invalid_value",
            "slot status " + record.getSlotStatus().getStatusValue() + " is not a known status",
            null);
      }
    }
    return record;
  }
}
