package io.geyserindexer.persister.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geyserindexer.proto.events.EventRecord;
import io.geyserindexer.proto.events.SlotStatus;
import io.geyserindexer.proto.events.SlotStatusEvent;
import org.junit.jupiter.api.Test;

class EventDecoderTest {

  private final EventDecoder decoder = new EventDecoder();

  private static EventRecord.Builder slot(SlotStatus status) {
    return EventRecord.newBuilder()
        .setSchemaVersion(1)
        .setSlotStatus(SlotStatusEvent.newBuilder().setSlot(1).setStatus(status));
  }

  @Test
  void decodesAVersionOneRecord() throws Exception {
    EventRecord record = slot(SlotStatus.SLOT_STATUS_PROCESSED).build();
    assertThat(decoder.decode(record.toByteArray())).isEqualTo(record);
  }

  @Test
  void rejectsMissingAndNewerSchemaVersions() {
    assertThatThrownBy(
            () ->
                decoder.decode(
                    slot(SlotStatus.SLOT_STATUS_PROCESSED)
                        .setSchemaVersion(0)
                        .build()
                        .toByteArray()))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageContaining("schema_version 0");
    assertThatThrownBy(
            () ->
                decoder.decode(
                    slot(SlotStatus.SLOT_STATUS_PROCESSED)
                        .setSchemaVersion(2)
                        .build()
                        .toByteArray()))
        .isInstanceOf(RecordRejectedException.class)
        .hasMessageContaining("schema_version 2");
  }

  @Test
  void rejectsGarbageEmptyEventAndUnknownStatus() {
    assertThatThrownBy(() -> decoder.decode(new byte[] {(byte) 0xff, 0x01, 0x02}))
        .isInstanceOfSatisfying(
            RecordRejectedException.class, e -> assertThat(e.reason()).isEqualTo("undecodable"));
    assertThatThrownBy(() -> decoder.decode(null)).isInstanceOf(RecordRejectedException.class);
    assertThatThrownBy(
            () ->
                decoder.decode(EventRecord.newBuilder().setSchemaVersion(1).build().toByteArray()))
        .isInstanceOfSatisfying(
            RecordRejectedException.class, e -> assertThat(e.reason()).isEqualTo("no_event"));
    assertThatThrownBy(
            () -> decoder.decode(slot(SlotStatus.SLOT_STATUS_UNSPECIFIED).build().toByteArray()))
        .isInstanceOfSatisfying(
            RecordRejectedException.class, e -> assertThat(e.reason()).isEqualTo("invalid_value"));
  }
}
