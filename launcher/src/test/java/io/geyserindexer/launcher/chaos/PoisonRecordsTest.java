package io.geyserindexer.launcher.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.InvalidProtocolBufferException;
import io.geyserindexer.proto.events.EventRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoisonRecordsTest {

  @Test
  void garbageIsNoEventRecord() {
    assertThatThrownBy(() -> EventRecord.parseFrom(PoisonRecords.GARBAGE))
        .isInstanceOf(InvalidProtocolBufferException.class);
  }

  @Test
  void everyKindGetsAnUnsupportedVersionZeroAndTwoEventOfThePoisonSlot() throws Exception {
    for (String kind : PoisonRecords.KINDS) {
      List<byte[]> values = PoisonRecords.values(kind, 42);
      assertThat(values).hasSize(3);
      EventRecord v0 = EventRecord.parseFrom(values.get(1));
      EventRecord v2 = EventRecord.parseFrom(values.get(2));
      assertThat(v0.getSchemaVersion()).isZero();
      assertThat(v2.getSchemaVersion()).isEqualTo(2);
      assertThat(v0.getEventCase()).isNotEqualTo(EventRecord.EventCase.EVENT_NOT_SET);
      assertThat(v2.getEventCase()).isEqualTo(v0.getEventCase());
      assertThat(v0.toString()).contains("slot: 42");
    }
  }
}
