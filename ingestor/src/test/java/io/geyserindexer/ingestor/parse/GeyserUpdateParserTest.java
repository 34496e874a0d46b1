package io.geyserindexer.ingestor.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.geyserindexer.proto.events.AccountUpdateEvent;
import io.geyserindexer.proto.events.BlockMetaEvent;
import io.geyserindexer.proto.events.EntryEvent;
import io.geyserindexer.proto.events.SchemaVersion;
import io.geyserindexer.proto.events.SlotStatus;
import io.geyserindexer.proto.events.SlotStatusEvent;
import io.geyserindexer.proto.events.TokenBalance;
import io.geyserindexer.proto.events.TransactionEvent;
import io.geyserindexer.proto.events.TransactionStatusEvent;
import io.geyserindexer.proto.geyser.SubscribeUpdate;
import io.geyserindexer.proto.geyser.SubscribeUpdateAccount;
import io.geyserindexer.proto.solana.UiTokenAmount;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class GeyserUpdateParserTest {

  private static final Timestamp NOW = Timestamp.newBuilder().setSeconds(1_800_000_000L).build();
  private final GeyserUpdateParser parser = new GeyserUpdateParser();

  static SubscribeUpdate fixture(String name) throws IOException {
    try (InputStream in =
        GeyserUpdateParserTest.class.getResourceAsStream("/fixtures/" + name + ".bin")) {
      return SubscribeUpdate.parseFrom(in);
    }
  }

  private ParsedEvent parse(String name) throws Exception {
    return parser.parse(fixture(name), NOW);
  }

  @Test
  void accountUpdateCarriesBase58KeysExactU64AndTheEnvelope() throws Exception {
    ParsedEvent parsed = parse("update_account");
    assertThat(parsed.kind()).isEqualTo(EventKind.ACCOUNT_UPDATE);
    assertThat(parsed.key()).isEqualTo("DXuAFMUoRRQCXndGymaszyLeWBh4Z8769JNqAJ9SwPok");
    assertThat(parsed.slot()).isEqualTo(312000001L);
    assertThat(parsed.record().getSchemaVersion()).isEqualTo(SchemaVersion.SCHEMA_VERSION_1_VALUE);
    assertThat(parsed.record().getFiltersList()).containsExactly("my_accounts");
    assertThat(parsed.record().getCreatedAt().getSeconds()).isEqualTo(1733300000L);
    assertThat(parsed.record().getCreatedAt().getNanos()).isEqualTo(123456789);
    assertThat(parsed.record().getIngestedAt()).isEqualTo(NOW);
    AccountUpdateEvent account = parsed.record().getAccountUpdate();
    assertThat(account.getOwner()).isEqualTo("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");
    assertThat(account.getLamports()).isEqualTo(2039280L);
    assertThat(Long.toUnsignedString(account.getRentEpoch())).isEqualTo("18446744073709551615");
    assertThat(account.getWriteVersion()).isEqualTo(1234567890123L);
    assertThat(account.getData().size()).isEqualTo(165);
    assertThat(sha256(account.getData()))
        .isEqualTo("ba6bad069acc2d0bedf36e2b6cc005d31eb76b0da9de46e09209ff004ae25200");
    assertThat(account.getTxnSignature())
        .isEqualTo(
            "55BMgVt9Ceoghkyvu9eiuH8xyBc4fV6jo3FYoRC7T7mHHfUG4QXE8q5LP5LJwNrpgUFsnKLMWbnQSDp3ipzmj6Lu");
    assertThat(account.getIsStartup()).isFalse();
  }

  @Test
  void startupAccountWithoutSignatureOrCreatedAt() throws Exception {
    ParsedEvent parsed = parse("update_account_startup_no_sig");
    AccountUpdateEvent account = parsed.record().getAccountUpdate();
    assertThat(account.hasTxnSignature()).isFalse();
    assertThat(account.getIsStartup()).isTrue();
    assertThat(account.getExecutable()).isTrue();
    assertThat(account.getOwner()).isEqualTo("BPFLoaderUpgradeab1e11111111111111111111111");
    assertThat(parsed.record().hasCreatedAt()).isFalse();
  }

  @Test
  void slotStatusesAreShiftedByOneAndKeyedBySlot() throws Exception {
    ParsedEvent confirmed = parse("update_slot_confirmed");
    assertThat(confirmed.kind()).isEqualTo(EventKind.SLOT_STATUS);
    assertThat(confirmed.key()).isEqualTo("312000002");
    SlotStatusEvent slot = confirmed.record().getSlotStatus();
    assertThat(slot.getStatus()).isEqualTo(SlotStatus.SLOT_STATUS_CONFIRMED);
    assertThat(slot.getParentSlot()).isEqualTo(312000001L);
    assertThat(slot.hasDeadError()).isFalse();

    SlotStatusEvent processed = parse("update_slot_processed_zero_status").record().getSlotStatus();
    assertThat(processed.getStatus()).isEqualTo(SlotStatus.SLOT_STATUS_PROCESSED);

    SlotStatusEvent dead = parse("update_slot_dead").record().getSlotStatus();
    assertThat(dead.getStatus()).isEqualTo(SlotStatus.SLOT_STATUS_DEAD);
    assertThat(dead.hasParentSlot()).isFalse();
    assertThat(dead.getDeadError()).isEqualTo("shred insert failed: duplicate");
  }

  @Test
  void blockMetaWithRewards() throws Exception {
    ParsedEvent parsed = parse("update_block_meta");
    assertThat(parsed.kind()).isEqualTo(EventKind.BLOCK_META);
    assertThat(parsed.key()).isEqualTo("312000009");
    BlockMetaEvent block = parsed.record().getBlockMeta();
    assertThat(block.getBlockhash()).isEqualTo("FiJ9rv69L8UBGA1E84pk1xA1MkME3psMpyKwehEcDbP2");
    assertThat(block.getParentSlot()).isEqualTo(312000008L);
    assertThat(block.getParentBlockhash())
        .isEqualTo("4fWpc8eyKftWRiKzEkX6rmkwX1ZhmvMX1j94UiKPHAPC");
    assertThat(block.getBlockTime()).isEqualTo(1733300009L);
    assertThat(block.getBlockHeight()).isEqualTo(290000000L);
    assertThat(block.getExecutedTransactionCount()).isEqualTo(1234L);
    assertThat(block.getEntriesCount()).isEqualTo(64L);
    assertThat(block.getRewardsNumPartitions()).isEqualTo(4L);
    assertThat(block.getRewardsList()).hasSize(1);
    assertThat(block.getRewards(0).getLamports()).isEqualTo(-5000L);
    assertThat(block.getRewards(0).getPostBalance()).isEqualTo(123456789L);
    assertThat(block.getRewards(0).getRewardType()).isEqualTo("fee");
    assertThat(block.getRewards(0).getPubkey())
        .isEqualTo("6CyE7afmQKszjCCvMZ4FpQ5wDu9zosq95o1aDMNgB1mU");
  }

  @Test
  void legacyTransactionWithTokenBalancesJoinedAndUnicodeLogs() throws Exception {
    ParsedEvent parsed = parse("update_tx_legacy_success");
    assertThat(parsed.kind()).isEqualTo(EventKind.TRANSACTION);
    String sig =
        "3VaJNArWJXxDnPtTM9iHsdVYVcxsyFAM5dDVa9Xvc6aRQDgUzUUJHr28T1rXWCJRByR7SCg5wyJqPkAo1Cra9yjt";
    assertThat(parsed.key()).isEqualTo(sig);
    TransactionEvent tx = parsed.record().getTransaction();
    assertThat(tx.getSlot()).isEqualTo(312000005L);
    assertThat(tx.getIndex()).isEqualTo(42L);
    assertThat(tx.getSignaturesList()).containsExactly(sig);
    assertThat(tx.getVersioned()).isFalse();
    assertThat(tx.getRecentBlockhash()).isEqualTo("GbWmX2WRJ14mQJe4kDx4DZotFekfvk5Su7QWTaj7xuUw");
    assertThat(tx.getNumRequiredSignatures()).isEqualTo(1);
    assertThat(tx.getNumReadonlyUnsignedAccounts()).isEqualTo(2);
    assertThat(tx.getAccountKeysList())
        .containsExactly(
            "7oUkuSFe12uZRNuTn5E9ic6ro5XtkG21EMs2a7YWxRwP",
            "J4aCb9tCxZhrJqxTy7EjqSYdVoZuvzGiD3s8XurAXCV3",
            "HZ4e8LoUTvzn9fbyTzU4rPD1EdMtVutwuhi3Whf618Xd",
            "11111111111111111111111111111111",
            "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");
    assertThat(tx.getInstructionsList()).hasSize(1);
    assertThat(tx.getInstructions(0).getProgramIdIndex()).isEqualTo(4);
    assertThat(tx.getInstructions(0).getAccounts().toByteArray()).containsExactly(1, 2, 0);
    assertThat(HexFormat.of().formatHex(tx.getInstructions(0).getData().toByteArray()))
        .isEqualTo("03002f685900000000");
    assertThat(tx.getInnerInstructionsList()).hasSize(1);
    assertThat(tx.getInnerInstructions(0).getInstructions(0).getStackHeight()).isEqualTo(2);
    assertThat(tx.hasErr()).isFalse();
    assertThat(tx.getFee()).isEqualTo(5000L);
    assertThat(tx.getPreBalancesList()).startsWith(1000000000L, 2039280L);
    assertThat(tx.getPostBalancesList()).startsWith(999995000L);
    assertThat(tx.getLogMessagesList())
        .contains("Program log: Instruction: Transfer 🚀 naïve", "Program log: nul\u0000byte");
    assertThat(tx.getComputeUnitsConsumed()).isEqualTo(4645L);
    assertThat(tx.getCostUnits()).isEqualTo(1650L);
    assertThat(tx.getTokenBalancesList()).hasSize(1);
    TokenBalance balance = tx.getTokenBalances(0);
    assertThat(balance.getAccountIndex()).isEqualTo(1);
    assertThat(balance.getMint()).isEqualTo("CcnpRLK4pnA35KjAd2aGZr4GAat16h8oTTKQq9pSZgfe");
    assertThat(balance.getOwner()).isEqualTo("4qsw9jQhRSD4G5UtcNSwVLEmSc8swu7E4K2Wkd9LPmDu");
    assertThat(balance.getDecimals()).isEqualTo(9);
    assertThat(Long.toUnsignedString(balance.getPreAmount())).isEqualTo("18446744073709551000");
    assertThat(Long.toUnsignedString(balance.getPostAmount())).isEqualTo("18446744072209551000");
  }

  @Test
  void v0FailedTransactionListsLoadedKeysAndDescribesTheError() throws Exception {
    TransactionEvent tx = parse("update_tx_v0_failed_lookups").record().getTransaction();
    assertThat(tx.getVersioned()).isTrue();
    assertThat(tx.getSignaturesList()).hasSize(2);
    assertThat(tx.getAccountKeysList())
        .containsExactly(
            "7oUkuSFe12uZRNuTn5E9ic6ro5XtkG21EMs2a7YWxRwP",
            "aJ4D1GmusW8Z2FUBfdvFH9uZJmGSGx92B7jZy9EQA2h",
            "6iXBeWbRVZbGF4UawQZ2Ro43qz5YVKMUstUt11dfQheZ",
            "E9Mrs7nQfCyWmRaf878pU3v6QLLAcFhyMWxVUJAzqjM7",
            "GHtzLCaSooXcQagiGokfuQEubFtzK6yKVY1i9GBe2BYd");
    assertThat(tx.getLoadedWritableCount()).isEqualTo(1);
    assertThat(tx.getLoadedReadonlyCount()).isEqualTo(1);
    assertThat(HexFormat.of().formatHex(tx.getErr().getBincode().toByteArray()))
        .isEqualTo("08000000000100000001000000");
    // These fixture bytes read as InstructionError(0, InvalidArgument) followed by four stray
    // bytes, which is not a layout Solana writes: the bytes are kept, the description stays empty.
    assertThat(tx.getErr().getDescription()).isEmpty();
    assertThat(tx.getLogMessagesNone()).isTrue();
    assertThat(tx.getInnerInstructionsNone()).isTrue();
    assertThat(tx.hasComputeUnitsConsumed()).isFalse();
    assertThat(tx.getReturnData().getProgramId())
        .isEqualTo("6iXBeWbRVZbGF4UawQZ2Ro43qz5YVKMUstUt11dfQheZ");
    assertThat(tx.getReturnData().getData().toByteArray()).containsExactly(1, 2);
  }

  @Test
  void voteTransaction() throws Exception {
    ParsedEvent parsed = parse("update_tx_vote");
    assertThat(parsed.record().getTransaction().getIsVote()).isTrue();
    assertThat(parsed.record().getTransaction().getAccountKeysList())
        .endsWith("Vote111111111111111111111111111111111111111");
  }

  @Test
  void transactionStatusKeepsUnknownErrorBytesWithEmptyDescription() throws Exception {
    ParsedEvent parsed = parse("update_tx_status");
    assertThat(parsed.kind()).isEqualTo(EventKind.TRANSACTION_STATUS);
    TransactionStatusEvent status = parsed.record().getTransactionStatus();
    assertThat(status.getSlot()).isEqualTo(312000008L);
    assertThat(status.getIndex()).isEqualTo(17L);
    assertThat(status.getErr().getBincode().toByteArray()).containsExactly(1);
    assertThat(status.getErr().getDescription()).isEmpty();
  }

  @Test
  void entryKeyedBySlot() throws Exception {
    ParsedEvent parsed = parse("update_entry");
    assertThat(parsed.kind()).isEqualTo(EventKind.ENTRY);
    assertThat(parsed.key()).isEqualTo("312000009");
    EntryEvent entry = parsed.record().getEntry();
    assertThat(entry.getIndex()).isEqualTo(5L);
    assertThat(entry.getNumHashes()).isEqualTo(12500L);
    assertThat(entry.getHash()).isEqualTo("8GSTgkXpq94xZsTEKVV4ZmCpjjoEdgdcW89RxdEfuxfs");
    assertThat(entry.getExecutedTransactionCount()).isEqualTo(30L);
    assertThat(entry.getStartingTransactionIndex()).isEqualTo(120L);
  }

  @Test
  void pingPongAndUnsetHaveNoEvent() throws Exception {
    assertThat(parse("update_ping")).isNull();
    assertThat(parse("update_pong")).isNull();
    assertThat(parser.parse(SubscribeUpdate.getDefaultInstance(), NOW)).isNull();
  }

  @Test
  void malformedUpdatesNameKindAndSlot() throws Exception {
    SubscribeUpdate shortKey =
        fixture("update_account").toBuilder()
            .setAccount(
                fixture("update_account").getAccount().toBuilder()
                    .setAccount(
                        fixture("update_account").getAccount().getAccount().toBuilder()
                            .setPubkey(ByteString.copyFrom(new byte[5]))))
            .build();
    assertThatThrownBy(() -> parser.parse(shortKey, NOW))
        .isInstanceOfSatisfying(
            UpdateParseException.class,
            e -> {
              assertThat(e.kind()).isEqualTo("account");
              assertThat(e.slot()).isEqualTo(312000001L);
              assertThat(e.getMessage()).contains("pubkey has 5 bytes");
            });

    SubscribeUpdate tx = fixture("update_tx_legacy_success");
    var meta = tx.getTransaction().getTransaction().getMeta().toBuilder();
    meta.setPreTokenBalances(
        0,
        meta.getPreTokenBalances(0).toBuilder()
            .setUiTokenAmount(UiTokenAmount.newBuilder().setAmount("12x")));
    SubscribeUpdate badAmount =
        tx.toBuilder()
            .setTransaction(
                tx.getTransaction().toBuilder()
                    .setTransaction(tx.getTransaction().getTransaction().toBuilder().setMeta(meta)))
            .build();
    assertThatThrownBy(() -> parser.parse(badAmount, NOW))
        .isInstanceOf(UpdateParseException.class)
        .hasMessageContaining("'12x'");

    SubscribeUpdate noInfo =
        SubscribeUpdate.newBuilder()
            .setAccount(SubscribeUpdateAccount.newBuilder().setSlot(7))
            .build();
    assertThatThrownBy(() -> parser.parse(noInfo, NOW))
        .isInstanceOf(UpdateParseException.class)
        .hasMessageContaining("without account info");
  }

  private static String sha256(ByteString data) throws NoSuchAlgorithmException {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(data.toByteArray()));
  }
}
