package io.geyserindexer.simulator.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geyserindexer.proto.capture.CaptureWriter;
import io.geyserindexer.proto.geyser.SlotStatus;
import io.geyserindexer.proto.geyser.SubscribeUpdate;
import io.geyserindexer.proto.geyser.SubscribeUpdatePing;
import io.geyserindexer.simulator.traffic.SlotContent;
import io.geyserindexer.simulator.traffic.TrafficConfig;
import io.geyserindexer.simulator.traffic.TrafficModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureSlotSourceTest {

  @TempDir Path dir;

  @Test
  void aCapturedProcessedStreamReplaysAsTheSameSlots() throws IOException {
    TrafficModel model = new TrafficModel(TrafficConfig.defaults(11, 30, 40));
    long first = 400_000_000L;
    List<SlotContent> original = new ArrayList<>();
    Path file = dir.resolve("capture.gz");
    try (CaptureWriter writer = CaptureWriter.create(file)) {
      for (long slot = first; slot < first + 60; slot++) {
        SlotContent content = model.slot(slot);
        original.add(content);
        for (SubscribeUpdate update : content.updates()) {
          writer.write(update.toBuilder().addFilters("captured").build());
        }
        writer.write(
            SubscribeUpdate.newBuilder().setPing(SubscribeUpdatePing.getDefaultInstance()).build());
      }
    }
    List<SlotContent> replayed = new ArrayList<>();
    try (CaptureSlotSource source = CaptureSlotSource.open(file)) {
      while (source.hasNext()) {
        replayed.add(source.next());
      }
    }
    assertThat(replayed).hasSameSizeAs(original);
    assertThat(original).anyMatch(SlotContent::dead);
    for (int i = 0; i < original.size(); i++) {
      SlotContent want = original.get(i);
      SlotContent got = replayed.get(i);
      assertThat(got.slot()).isEqualTo(want.slot());
      assertThat(got.parent()).isEqualTo(want.parent());
      assertThat(got.dead()).isEqualTo(want.dead());
      assertThat(got.transactions()).isEqualTo(want.transactions());
      assertThat(got.accounts()).isEqualTo(want.accounts());
      assertThat(got.blockMeta()).isEqualTo(want.blockMeta());
      if (!want.dead()) {
        assertThat(got.status(SlotStatus.SLOT_FINALIZED)).isPresent();
      } else {
        assertThat(got.status(SlotStatus.SLOT_DEAD).get().getDeadError())
            .isEqualTo(want.status(SlotStatus.SLOT_DEAD).get().getDeadError());
      }
    }
  }

  @Test
  void aMissingOrForeignFileIsAClearConfigError() throws IOException {
    assertThatThrownBy(() -> CaptureSlotSource.open(dir.resolve("absent.gz")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot open replay file");
    Path text = Files.writeString(dir.resolve("text.gz"), "not gzip");
    assertThatThrownBy(() -> CaptureSlotSource.open(text))
        .hasMessageContaining("not a capture file");
  }
}
