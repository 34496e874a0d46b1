package io.geyserindexer.simulator.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.geyserindexer.proto.Base58;
import io.geyserindexer.proto.TransactionKeys;
import io.geyserindexer.proto.geyser.SlotStatus;
import io.geyserindexer.proto.geyser.SubscribeUpdate;
import io.geyserindexer.proto.geyser.SubscribeUpdateAccount;
import io.geyserindexer.proto.geyser.SubscribeUpdateTransaction;
import io.geyserindexer.proto.solana.TokenBalance;
import io.geyserindexer.proto.solana.TransactionStatusMeta;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrafficModelTest {

  private static final long FIRST = 250_000_000L;
  private static final int SLOTS = 200;

  private static final TrafficModel model = new TrafficModel(TrafficConfig.defaults(42, 100, 150));
  private static final List<SlotContent> slots = range(model, FIRST, SLOTS);

  @Test
  void sameSeedGivesIdenticalBytesAndOtherSeedDiffers() throws IOException {
    TrafficModel again = new TrafficModel(TrafficConfig.defaults(42, 100, 150));
    TrafficModel other = new TrafficModel(TrafficConfig.defaults(43, 100, 150));
    for (long slot = FIRST; slot < FIRST + 20; slot++) {
      assertThat(bytes(again.slot(slot))).isEqualTo(bytes(model.slot(slot)));
      assertThat(bytes(other.slot(slot))).isNotEqualTo(bytes(model.slot(slot)));
    }
    // Order of evaluation does not matter: a slot computed late equals the one computed first.
    assertThat(bytes(again.slot(FIRST + 5))).isEqualTo(bytes(slots.get(5)));
  }

  @Test
  void votesAreAboutTwoThirdsAndSomeNonVotesFail() {
    List<SubscribeUpdateTransaction> txs =
        slots.stream().flatMap(s -> s.transactions().stream()).toList();
    long votes = txs.stream().filter(t -> t.getTransaction().getIsVote()).count();
    List<SubscribeUpdateTransaction> nonVotes =
        txs.stream().filter(t -> !t.getTransaction().getIsVote()).toList();
    long failed = nonVotes.stream().filter(t -> t.getTransaction().getMeta().hasErr()).count();
    assertThat(txs).hasSize(SLOTS * 100);
    assertThat((double) votes / txs.size()).isBetween(0.63, 0.69);
    assertThat((double) failed / nonVotes.size()).isBetween(0.21, 0.29);
    assertThat(txs.stream().filter(t -> t.getTransaction().getIsVote()))
        .allSatisfy(t -> assertThat(t.getTransaction().getMeta().hasErr()).isFalse());
  }

  @Test
  void failedTransactionsCarryBincodeInstructionErrors() {
    Set<String> errors = new HashSet<>();
    for (SubscribeUpdateTransaction tx : transactions()) {
      TransactionStatusMeta meta = tx.getTransaction().getMeta();
      if (meta.hasErr()) {
        errors.add(HexFormat.of().formatHex(meta.getErr().getErr().toByteArray()));
      }
    }
    assertThat(HexFormat.of().formatHex(TransactionErrors.custom(0, 1).getErr().toByteArray()))
        .isEqualTo("08000000001900000001000000");
    assertThat(errors).anyMatch(e -> e.startsWith("080000000119000000") && e.length() == 26);
    assertThat(errors).contains("080000000103000000");
  }

  @Test
  void deadSlotsHaveNoBlockAndLiveSlotsFormAChain() {
    List<SlotContent> dead = slots.stream().filter(SlotContent::dead).toList();
    assertThat(dead).hasSize(SLOTS / 50); // FIRST is window-aligned: one dead slot per window
    for (SlotContent slot : dead) {
      assertThat(slot.blockMeta()).isEmpty();
      assertThat(slot.status(SlotStatus.SLOT_CONFIRMED)).isEmpty();
      assertThat(slot.status(SlotStatus.SLOT_PROCESSED)).isEmpty();
      assertThat(slot.status(SlotStatus.SLOT_DEAD).orElseThrow().getDeadError()).isNotBlank();
    }
    long lastHeight = -1;
    for (SlotContent slot : slots) {
      if (slot.dead()) {
        continue;
      }
      var meta = slot.blockMeta().orElseThrow();
      assertThat(model.chain().isDead(slot.parent())).isFalse();
      assertThat(meta.getParentSlot()).isEqualTo(slot.parent());
      assertThat(meta.getParentBlockhash()).isEqualTo(model.chain().blockhash(slot.parent()));
      assertThat(Base58.decode(meta.getBlockhash())).hasSize(32);
      assertThat(meta.getBlockHeight().getBlockHeight()).isGreaterThan(lastHeight);
      lastHeight = meta.getBlockHeight().getBlockHeight();
      assertThat(slot.statuses())
          .extracting(s -> s.getStatus())
          .containsSubsequence(
              SlotStatus.SLOT_PROCESSED, SlotStatus.SLOT_CONFIRMED, SlotStatus.SLOT_FINALIZED);
    }
  }

  @Test
  void someAccountsAreWrittenSeveralTimesWithIncreasingWriteVersion() {
    int multiWriteSlots = 0;
    long lastVersion = -1;
    int withoutSignature = 0;
    for (SlotContent slot : slots) {
      Map<ByteString, Integer> writes = new HashMap<>();
      for (SubscribeUpdateAccount account : slot.accounts()) {
        assertThat(account.getAccount().getWriteVersion()).isGreaterThan(lastVersion);
        lastVersion = account.getAccount().getWriteVersion();
        writes.merge(account.getAccount().getPubkey(), 1, Integer::sum);
        withoutSignature += account.getAccount().hasTxnSignature() ? 0 : 1;
      }
      if (writes.values().stream().anyMatch(n -> n > 1)) {
        multiWriteSlots++;
        assertThat(slot.collapsedAccounts()).hasSize(writes.size());
      }
    }
    assertThat(multiWriteSlots).isGreaterThan(SLOTS / 2);
    assertThat(withoutSignature).isBetween(SLOTS * 150 / 20, SLOTS * 150 / 5);
  }

  @Test
  void accountWritesPointAtTransactionsThatWroteThem() {
    for (SlotContent slot : slots.subList(0, 20)) {
      Map<ByteString, SubscribeUpdateTransaction> bySignature = new HashMap<>();
      slot.transactions().forEach(t -> bySignature.put(t.getTransaction().getSignature(), t));
      for (SubscribeUpdateAccount account : slot.accounts()) {
        if (account.getAccount().hasTxnSignature()) {
          var tx = bySignature.get(account.getAccount().getTxnSignature()).getTransaction();
          assertThat(TransactionKeys.fullKeyList(tx.getTransaction().getMessage(), tx.getMeta()))
              .contains(account.getAccount().getPubkey());
        }
      }
      assertThat(slot.processedContent())
          .hasSize(slot.accounts().size() + slot.transactions().size());
    }
  }

  @Test
  void v0TransactionsLoadAddressesAndBalancesCoverTheFullKeyList() {
    int versioned = 0;
    for (SubscribeUpdateTransaction update : transactions()) {
      var tx = update.getTransaction();
      var message = tx.getTransaction().getMessage();
      List<ByteString> keys = TransactionKeys.fullKeyList(message, tx.getMeta());
      assertThat(tx.getMeta().getPreBalancesCount()).isEqualTo(keys.size());
      assertThat(tx.getMeta().getPostBalancesCount()).isEqualTo(keys.size());
      assertThat(new HashSet<>(keys)).hasSize(keys.size());
      if (message.getVersioned()) {
        versioned++;
        assertThat(message.getAddressTableLookupsCount()).isPositive();
        int writable =
            message.getAddressTableLookupsList().stream()
                .mapToInt(l -> l.getWritableIndexes().size())
                .sum();
        int readonly =
            message.getAddressTableLookupsList().stream()
                .mapToInt(l -> l.getReadonlyIndexes().size())
                .sum();
        assertThat(tx.getMeta().getLoadedWritableAddressesCount()).isEqualTo(writable);
        assertThat(tx.getMeta().getLoadedReadonlyAddressesCount()).isEqualTo(readonly);
      }
    }
    assertThat(versioned).isGreaterThan(500);
  }

  @Test
  void tokenBalancesCoverCreatedClosedAndHugeAmounts() {
    boolean created = false;
    boolean closed = false;
    boolean huge = false;
    BigInteger twoTo63 = BigInteger.ONE.shiftLeft(63);
    for (SubscribeUpdateTransaction update : transactions()) {
      TransactionStatusMeta meta = update.getTransaction().getMeta();
      Set<Integer> pre = new HashSet<>();
      Set<Integer> post = new HashSet<>();
      meta.getPreTokenBalancesList().forEach(b -> pre.add(b.getAccountIndex()));
      meta.getPostTokenBalancesList().forEach(b -> post.add(b.getAccountIndex()));
      created |= !pre.containsAll(post);
      closed |= !post.containsAll(pre);
      List<TokenBalance> all = new ArrayList<>(meta.getPreTokenBalancesList());
      all.addAll(meta.getPostTokenBalancesList());
      for (TokenBalance balance : all) {
        BigInteger amount = new BigInteger(balance.getUiTokenAmount().getAmount());
        assertThat(amount)
            .isBetween(BigInteger.ZERO, twoTo63.shiftLeft(1).subtract(BigInteger.ONE));
        huge |= amount.compareTo(twoTo63) >= 0;
      }
    }
    assertThat(created).isTrue();
    assertThat(closed).isTrue();
    assertThat(huge).isTrue();
  }

  @Test
  void logsSometimesHoldUnicodeAndNul() {
    List<String> logs =
        transactions().stream()
            .flatMap(t -> t.getTransaction().getMeta().getLogMessagesList().stream())
            .toList();
    assertThat(logs).anyMatch(l -> l.indexOf('\u0000') >= 0);
    assertThat(logs).anyMatch(l -> l.codePoints().anyMatch(c -> c > 0xFFFF));
    assertThat(logs).anyMatch(l -> l.contains("custom program error: 0x"));
  }

  @Test
  void rejectsNonsenseConfig() {
    assertThatThrownBy(() -> new TrafficConfig(1, -1, 0, 0.5, 0.1, 0.1, 0.1, 0, 1, 1, 1))
        .hasMessageContaining("transactionsPerSlot");
    assertThatThrownBy(() -> new TrafficConfig(1, 1, 0, 1.5, 0.1, 0.1, 0.1, 0, 1, 1, 1))
        .hasMessageContaining("voteShare");
    assertThatThrownBy(() -> model.slot(0)).hasMessageContaining("slot must be positive");
  }

  private static List<SubscribeUpdateTransaction> transactions() {
    return slots.stream().flatMap(s -> s.transactions().stream()).toList();
  }

  private static List<SlotContent> range(TrafficModel model, long first, int count) {
    List<SlotContent> out = new ArrayList<>();
    for (long slot = first; slot < first + count; slot++) {
      out.add(model.slot(slot));
    }
    return out;
  }

  private static byte[] bytes(SlotContent slot) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (SubscribeUpdate update : slot.updates()) {
      update.writeDelimitedTo(out);
    }
    return out.toByteArray();
  }
}
