package io.geyserindexer.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlotRatesTest {

  @Test
  void profilesFixIntervalTransactionsAndAccountWrites() {
    assertThat(SlotRates.resolve("mainnet", null, null, null, null))
        .isEqualTo(new SlotRates(Duration.ofMillis(400), 1_600, 5_333));
    assertThat(SlotRates.resolve("mainnet-2x", null, null, null, null))
        .isEqualTo(new SlotRates(Duration.ofMillis(400), 3_200, 10_667));
    assertThat(SlotRates.resolve(" Mainnet-2X ", null, null, null, null).transactionsPerSlot())
        .isEqualTo(3_200);
  }

  @Test
  void aProfileWithAnyIndividualRateIsRejectedNamingWhatToDrop() {
    assertThatThrownBy(() -> SlotRates.resolve("mainnet-2x", null, null, 100, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--profile mainnet-2x fixes the slot interval and the transactions and account writes"
                + " per slot; drop --tx-per-slot (or its SIMULATOR_* variable) or the profile");
    assertThatThrownBy(() -> SlotRates.resolve("mainnet", 400L, 0L, null, 5_333))
        .hasMessageContaining("drop --slot-interval-ms, --events-per-second, --accounts-per-slot");
  }

  @Test
  void unknownProfilesListTheKnownOnes() {
    assertThatThrownBy(() -> SlotRates.resolve("devnet", null, null, null, null))
        .hasMessage("unknown profile 'devnet'; known profiles: mainnet, mainnet-2x");
  }

  @Test
  void withoutAProfileEachSettingHasItsDefaultAndEventsPerSecondSetsTheInterval() {
    assertThat(SlotRates.resolve(null, null, null, null, null))
        .isEqualTo(new SlotRates(Duration.ofMillis(400), 200, 300));
    assertThat(SlotRates.resolve(null, 0L, null, 10, 20))
        .isEqualTo(new SlotRates(Duration.ZERO, 10, 20));
    // 500 events per slot at 1,000 events/s: one slot every 500 ms, whatever the interval says.
    assertThat(SlotRates.resolve(null, 400L, 1_000L, 200, 300).slotInterval())
        .isEqualTo(Duration.ofMillis(500));
    assertThatThrownBy(() -> SlotRates.resolve(null, null, 1_000L, 0, 0))
        .hasMessage("events per second needs transactions or accounts per slot");
    assertThatThrownBy(() -> SlotRates.resolve(null, -1L, null, null, null))
        .hasMessage("slot interval must be >= 0 ms, was -1");
  }
}
