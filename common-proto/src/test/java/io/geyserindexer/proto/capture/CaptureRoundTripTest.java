package io.geyserindexer.proto.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.geyserindexer.proto.geyser.SlotStatus;
import io.geyserindexer.proto.geyser.SubscribeUpdate;
import io.geyserindexer.proto.geyser.SubscribeUpdateAccount;
import io.geyserindexer.proto.geyser.SubscribeUpdateAccountInfo;
import io.geyserindexer.proto.geyser.SubscribeUpdatePing;
import io.geyserindexer.proto.geyser.SubscribeUpdateSlot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureRoundTripTest {

  @TempDir Path dir;

  @Test
  void writtenUpdatesReadBackIdenticalAndInOrder() throws IOException {
    List<SubscribeUpdate> updates = sample(500);
    Path file = dir.resolve("capture.bin.gz");
    try (CaptureWriter writer = CaptureWriter.create(file)) {
      for (SubscribeUpdate update : updates) {
        writer.write(update);
      }
      assertThat(writer.written()).isEqualTo(500);
    }
    List<SubscribeUpdate> back = new ArrayList<>();
    try (CaptureReader reader = CaptureReader.open(file)) {
      for (Optional<SubscribeUpdate> next = reader.next(); next.isPresent(); next = reader.next()) {
        back.add(next.get());
      }
      assertThat(reader.read()).isEqualTo(500);
    }
    assertThat(back).isEqualTo(updates);
    // Compressed: the 2 KiB zero-heavy account data shrinks well below its raw size.
    assertThat(Files.size(file)).isLessThan(500L * 1024);
  }

  @Test
  void emptyCaptureReadsAsEmpty() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CaptureWriter.to(bytes).close();
    try (CaptureReader reader = CaptureReader.from(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(reader.next()).isEmpty();
    }
  }

  @Test
  void truncatedCaptureFailsClearlyAfterTheCompleteMessages() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (CaptureWriter writer = CaptureWriter.to(bytes)) {
      for (SubscribeUpdate update : sample(50)) {
        writer.write(update);
      }
    }
    byte[] cut = Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2);
    try (CaptureReader reader = CaptureReader.from(new ByteArrayInputStream(cut))) {
      assertThatThrownBy(
              () -> {
                while (reader.next().isPresent()) {
                  // read until the damage
                }
              })
          .isInstanceOf(IOException.class)
          .hasMessageContaining("capture unreadable at message");
    }
  }

  @Test
  void nonGzipInputIsRejected() {
    assertThatThrownBy(() -> CaptureReader.from(new ByteArrayInputStream(new byte[] {1, 2, 3, 4})))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a capture file");
  }

  private static List<SubscribeUpdate> sample(int count) {
    List<SubscribeUpdate> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      SubscribeUpdate.Builder update = SubscribeUpdate.newBuilder().addFilters("f" + (i % 3));
      switch (i % 3) {
        case 0 ->
            update.setAccount(
                SubscribeUpdateAccount.newBuilder()
                    .setSlot(1000 + i)
                    .setAccount(
                        SubscribeUpdateAccountInfo.newBuilder()
                            .setPubkey(ByteString.copyFrom(new byte[32]))
                            .setLamports(-1L)
                            .setWriteVersion(i)
                            .setData(ByteString.copyFrom(new byte[2048]))));
        case 1 ->
            update.setSlot(
                SubscribeUpdateSlot.newBuilder()
                    .setSlot(1000 + i)
                    .setStatus(SlotStatus.SLOT_DEAD)
                    .setDeadError("dead \u0000 \uD83D\uDE80"));
        default -> update.setPing(SubscribeUpdatePing.getDefaultInstance());
      }
      out.add(update.build());
    }
    return out;
  }
}
