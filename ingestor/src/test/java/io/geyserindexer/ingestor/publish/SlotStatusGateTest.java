package io.geyserindexer.ingestor.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.geyserindexer.ingestor.parse.EventKind;
import io.geyserindexer.ingestor.parse.ParsedEvent;
import io.geyserindexer.proto.events.EventRecord;
import org.junit.jupiter.api.Test;

class SlotStatusGateTest {

  private static ParsedEvent status(long slot) {
    return new ParsedEvent(
        EventKind.SLOT_STATUS, Long.toString(slot), slot, EventRecord.getDefaultInstance());
  }

  @Test
  void aStatusWaitsForEverySendBeforeItButNotForLaterOnes() {
    SlotStatusGate gate = new SlotStatusGate();
    SlotStatusGate.Epoch a = gate.sent();
    SlotStatusGate.Epoch b = gate.sent();
    ParsedEvent s10 = status(10);
    gate.hold(s10);
    SlotStatusGate.Epoch later = gate.sent();
    assertThat(gate.release()).isEmpty();
    gate.acknowledged(a);
    assertThat(gate.release()).isEmpty();
    gate.acknowledged(b);
    // The send after the status is still open: it does not hold the status back.
    assertThat(gate.release()).containsExactly(s10);
    assertThat(gate.held()).isZero();
    gate.acknowledged(later);
    assertThat(gate.release()).isEmpty();
  }

  @Test
  void statusesAreReleasedInOrderEvenWhenLaterSendsAreAcknowledgedFirst() {
    SlotStatusGate gate = new SlotStatusGate();
    SlotStatusGate.Epoch first = gate.sent();
    ParsedEvent s1 = status(1);
    gate.hold(s1);
    SlotStatusGate.Epoch second = gate.sent();
    ParsedEvent s2 = status(2);
    gate.hold(s2);
    ParsedEvent s3 = status(3);
    gate.hold(s3);
    gate.acknowledged(second);
    assertThat(gate.release()).isEmpty();
    assertThat(gate.held()).isEqualTo(3);
    gate.acknowledged(first);
    assertThat(gate.release()).containsExactly(s1, s2, s3);
    assertThat(gate.held()).isZero();
  }

  @Test
  void aStatusWithNothingSentBeforeItIsReleasedAtOnce() {
    SlotStatusGate gate = new SlotStatusGate();
    ParsedEvent s = status(5);
    gate.hold(s);
    assertThat(gate.release()).containsExactly(s);
  }
}
