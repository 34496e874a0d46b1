package io.geyserindexer.simulator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geyserindexer.proto.geyser.SubscribeUpdateAccount;
import io.geyserindexer.simulator.traffic.SlotContent;
import io.geyserindexer.simulator.traffic.TrafficConfig;
import io.geyserindexer.simulator.traffic.TrafficModel;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MalformedSlotSourceTest {

  private static final long SEED = 7;
  private static final long FIRST = 300_000_000L;
  private static final int SLOTS = 400;
  private static final TrafficModel MODEL = new TrafficModel(TrafficConfig.defaults(SEED, 5, 8));

  @Test
  void addsExactlyOneShortPubkeyWriteToTheSelectedLiveSlotsAndNothingElse() {
    MalformedSlotSource source =
        new MalformedSlotSource(
            new ModelSlotSource(MODEL, FIRST, OptionalLong.of(FIRST + SLOTS - 1)), SEED, 0.1);
    int carrying = 0;
    for (long slot = FIRST; slot < FIRST + SLOTS; slot++) {
      SlotContent original = MODEL.slot(slot);
      SlotContent served = source.next();
      boolean selected = !original.dead() && MalformedSlotSource.carriesMalformed(SEED, slot, 0.1);
      long shortKeys = served.collapsedAccounts().stream().filter(this::isShort).count();
      assertThat(shortKeys).as("slot %d", slot).isEqualTo(selected ? 1 : 0);
      assertThat(served.accounts().subList(0, original.accounts().size()))
          .isEqualTo(original.accounts());
      assertThat(served.accounts()).hasSize(original.accounts().size() + (selected ? 1 : 0));
      assertThat(served.transactions()).isEqualTo(original.transactions());
      assertThat(served.blockMeta()).isEqualTo(original.blockMeta());
      assertThat(served.statuses()).isEqualTo(original.statuses());
      carrying += selected ? 1 : 0;
    }
    assertThat(source.hasNext()).isFalse();
    assertThat(carrying).as("about 10%% of %d slots", SLOTS).isBetween(20, 60);
  }

  @Test
  void selectionIsAPureFunctionOfSeedSlotAndShare() {
    long slot = FIRST + 3;
    boolean first = MalformedSlotSource.carriesMalformed(SEED, slot, 0.5);
    for (int i = 0; i < 5; i++) {
      assertThat(MalformedSlotSource.carriesMalformed(SEED, slot, 0.5)).isEqualTo(first);
    }
    assertThat(MalformedSlotSource.carriesMalformed(SEED, slot, 0)).isFalse();
    assertThat(MalformedSlotSource.carriesMalformed(SEED, slot, 1)).isTrue();
  }

  @Test
  void rejectsAShareOutsideZeroToOne() {
    ModelSlotSource model = new ModelSlotSource(MODEL, FIRST, OptionalLong.empty());
    assertThatThrownBy(() -> new MalformedSlotSource(model, SEED, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[0, 1]");
  }

  private boolean isShort(SubscribeUpdateAccount write) {
    return write.getAccount().getPubkey().size() == MalformedSlotSource.MALFORMED_PUBKEY_BYTES;
  }
}
