package io.geyserindexer.persister.it;

import com.google.protobuf.ByteString;
import io.geyserindexer.proto.events.AccountUpdateEvent;
import io.geyserindexer.proto.events.BlockMetaEvent;
import io.geyserindexer.proto.events.EventRecord;
import io.geyserindexer.proto.events.InnerInstruction;
import io.geyserindexer.proto.events.InnerInstructions;
import io.geyserindexer.proto.events.Instruction;
import io.geyserindexer.proto.events.ReturnData;
import io.geyserindexer.proto.events.Reward;
import io.geyserindexer.proto.events.SlotStatus;
import io.geyserindexer.proto.events.SlotStatusEvent;
import io.geyserindexer.proto.events.TokenBalance;
import io.geyserindexer.proto.events.TransactionError;
import io.geyserindexer.proto.events.TransactionEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Deterministic event records and, written independently of the persister's code, the rows they
 * must produce. Covers slot status progressions (out of order, dead slots), replaced blocks,
 * transactions with token balances (amounts >= 2^63, missing sides), U+0000 in text, several writes
 * per account (some arriving older-after-newer), and duplicates of every kind.
 */
public final class EventFixture {

  /** One Kafka record to produce: topic kind, key, value. */
  public record Sent(String kind, String key, byte[] value) {}

  public static final long BASE_SLOT = 300_000_000L;

  public final List<Sent> records = new ArrayList<>();

  /** table -> primary key text -> expected row text (see {@link TableRows}). */
  public final Map<String, TreeMap<String, String>> rows = new TreeMap<>();

  /** "table.column" -> primary key text -> expected JSON (compared as jsonb). */
  public final Map<String, TreeMap<String, String>> json = new TreeMap<>();

  private final Random random;
  private final List<Sent> duplicable = new ArrayList<>();

  private EventFixture(long seed) {
    this.random = new Random(seed);
    for (String table : TableRows.TABLES) {
      rows.put(table, new TreeMap<>());
    }
  }

  /**
   * About {@code 5.3 * slots + 0.95 * slots + txs + pubkeys * writes} events, plus 5% duplicates.
   */
  public static EventFixture generate(long seed, int slots, int txs, int pubkeys, int writes) {
    EventFixture fixture = new EventFixture(seed);
    for (int i = 0; i < slots; i++) {
      fixture.slot(i);
    }
    for (int j = 0; j < txs; j++) {
      fixture.transaction(j, slots);
    }
    for (int k = 0; k < pubkeys; k++) {
      fixture.account(k, writes);
    }
    int duplicates = fixture.duplicable.size() / 20;
    for (int d = 0; d < duplicates; d++) {
      fixture.records.add(
          fixture.duplicable.get(fixture.random.nextInt(fixture.duplicable.size())));
    }
    return fixture;
  }

  private static EventRecord.Builder envelope() {
    return EventRecord.newBuilder().setSchemaVersion(1).addFilters("fixture");
  }

  private void send(String kind, String key, EventRecord record, boolean mayDuplicate) {
    Sent sent = new Sent(kind, key, record.toByteArray());
    records.add(sent);
    if (mayDuplicate) {
      duplicable.add(sent);
    }
  }

  private static String u64(long value) {
    return Long.toUnsignedString(value);
  }

  private static String nullable(Object value) {
    return value == null ? "<null>" : value.toString();
  }

  // ---- slots and blocks ----

  private void slot(int i) {
    long slot = BASE_SLOT + i;
    long parent = slot - 1;
    List<SlotStatusEvent> plan = new ArrayList<>();
    String finalStatus;
    boolean hasParent = true;
    String deadError = null;
    plan.add(status(slot, SlotStatus.SLOT_STATUS_FIRST_SHRED_RECEIVED, null));
    if (i % 10 == 9) {
      deadError = "dead: \0 shred " + i;
      plan.add(status(slot, SlotStatus.SLOT_STATUS_CREATED_BANK, null));
      plan.add(
          status(slot, SlotStatus.SLOT_STATUS_DEAD, null).toBuilder()
              .setDeadError(deadError)
              .build());
      finalStatus = "dead";
      hasParent = false;
    } else if (i % 10 == 8) {
      // completed before created_bank: lifecycle order is not guaranteed.
      plan.add(status(slot, SlotStatus.SLOT_STATUS_COMPLETED, null));
      plan.add(status(slot, SlotStatus.SLOT_STATUS_CREATED_BANK, null));
      plan.add(status(slot, SlotStatus.SLOT_STATUS_PROCESSED, parent));
      finalStatus = "processed";
    } else if (i % 10 >= 5) {
      plan.add(status(slot, SlotStatus.SLOT_STATUS_CREATED_BANK, null));
      plan.add(status(slot, SlotStatus.SLOT_STATUS_COMPLETED, null));
      plan.add(status(slot, SlotStatus.SLOT_STATUS_PROCESSED, parent));
      plan.add(status(slot, SlotStatus.SLOT_STATUS_CONFIRMED, parent));
      finalStatus = "confirmed";
    } else {
      plan.add(status(slot, SlotStatus.SLOT_STATUS_CREATED_BANK, null));
      plan.add(status(slot, SlotStatus.SLOT_STATUS_COMPLETED, null));
      plan.add(status(slot, SlotStatus.SLOT_STATUS_PROCESSED, parent));
      plan.add(status(slot, SlotStatus.SLOT_STATUS_CONFIRMED, parent));
      plan.add(status(slot, SlotStatus.SLOT_STATUS_FINALIZED, parent));
      if (i % 7 == 0) {
        // Late and repeated statuses must not move the slot back.
        plan.add(status(slot, SlotStatus.SLOT_STATUS_PROCESSED, parent));
        plan.add(status(slot, SlotStatus.SLOT_STATUS_COMPLETED, null));
      }
      finalStatus = "finalized";
    }
    for (SlotStatusEvent event : plan) {
      send("slots", Long.toString(slot), envelope().setSlotStatus(event).build(), true);
    }
    rows.get("slots")
        .put(
            Long.toString(slot),
            String.join(
                "|",
                Long.toString(slot),
                hasParent ? Long.toString(parent) : "<null>",
                finalStatus,
                nullable(deadError)));
    if (!finalStatus.equals("dead")) {
      block(i, slot, parent);
    }
  }

  private static SlotStatusEvent status(long slot, SlotStatus status, Long parent) {
    SlotStatusEvent.Builder event = SlotStatusEvent.newBuilder().setSlot(slot).setStatus(status);
    if (parent != null) {
      event.setParentSlot(parent);
    }
    return event.build();
  }

  private void block(int i, long slot, long parent) {
    BlockMetaEvent.Builder block =
        BlockMetaEvent.newBuilder()
            .setSlot(slot)
            .setBlockhash("Bh" + i + "x" + Integer.toString(random.nextInt(1 << 20), 36))
            .setParentSlot(parent)
            .setParentBlockhash("Bh" + (i - 1))
            .setExecutedTransactionCount(i % 300)
            .setEntriesCount(i % 64);
    Long height = i % 13 == 0 ? null : 280_000_000L + i;
    Long time = i % 17 == 0 ? null : 1_760_000_000L + i / 2;
    if (height != null) {
      block.setBlockHeight(height);
    }
    if (time != null) {
      block.setBlockTime(time);
    }
    StringBuilder rewards = new StringBuilder("[");
    Long partitions = null;
    if (i % 50 == 0) {
      partitions = 4L;
      block.setRewardsNumPartitions(4);
      block.addRewards(
          Reward.newBuilder()
              .setPubkey("Leader" + i)
              .setLamports(-5000)
              .setPostBalance(-1L)
              .setRewardType("fee")
              .setCommission(""));
      rewards.append(
          "{\"reward_type\":\"fee\",\"commission\":\"\",\"pubkey\":\"Leader"
              + i
              + "\",\"post_balance\":\"18446744073709551615\",\"lamports\":-5000}");
    }
    rewards.append(']');
    if (i % 20 == 0) {
      // A processed-commitment replacement: the earlier block of this slot must be overwritten.
      BlockMetaEvent old =
          block.clone().setBlockhash("Old" + i).setExecutedTransactionCount(1).build();
      send("blocks", Long.toString(slot), envelope().setBlockMeta(old).build(), false);
    }
    BlockMetaEvent event = block.build();
    send("blocks", Long.toString(slot), envelope().setBlockMeta(event).build(), true);
    rows.get("blocks")
        .put(
            Long.toString(slot),
            String.join(
                "|",
                Long.toString(slot),
                event.getBlockhash(),
                Long.toString(parent),
                event.getParentBlockhash(),
                nullable(height),
                nullable(time),
                Long.toString(i % 300),
                Long.toString(i % 64),
                nullable(partitions)));
    json.computeIfAbsent("blocks.rewards", k -> new TreeMap<>())
        .put(Long.toString(slot), rewards.toString());
  }

  // ---- transactions and token balances ----

  private void transaction(int j, int slots) {
    long slot = BASE_SLOT + (j % slots);
    String signature = "Sig" + j + "z" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
    TransactionEvent.Builder tx =
        TransactionEvent.newBuilder()
            .setSignature(signature)
            .setSlot(slot)
            .setIndex(j / slots)
            .setIsVote(j % 4 == 0)
            .addSignatures(signature)
            .setVersioned(j % 2 == 1)
            .setRecentBlockhash("Rb" + (j % 97))
            .setNumRequiredSignatures(1)
            .setNumReadonlySignedAccounts(0)
            .setNumReadonlyUnsignedAccounts(1)
            .setFee(j % 1000 == 0 ? -1L : 5000L + j % 7);
    if (j % 10 == 3) {
      tx.addSignatures("Second" + j).setNumRequiredSignatures(2);
    }
    int keys = 3 + j % 3;
    for (int k = 0; k < keys; k++) {
      tx.addAccountKeys("Key" + (j % 500) + "k" + k);
    }
    if (tx.getVersioned()) {
      tx.setLoadedWritableCount(1).setLoadedReadonlyCount(1);
    }
    byte[] data = new byte[1 + j % 12];
    random.nextBytes(data);
    tx.addInstructions(
        Instruction.newBuilder()
            .setProgramIdIndex(keys - 1)
            .setAccounts(ByteString.copyFrom(new byte[] {0, 1, (byte) 200}))
            .setData(ByteString.copyFrom(data)));
    String instructions =
        "[{\"data\":\""
            + java.util.Base64.getEncoder().encodeToString(data)
            + "\",\"accounts\":[0,1,200],\"program_id_index\":"
            + (keys - 1)
            + "}]";
    String inner;
    if (j % 5 == 0) {
      tx.setInnerInstructionsNone(true);
      inner = null;
    } else {
      tx.addInnerInstructions(
          InnerInstructions.newBuilder()
              .setIndex(0)
              .addInstructions(
                  InnerInstruction.newBuilder()
                      .setProgramIdIndex(2)
                      .setAccounts(ByteString.copyFrom(new byte[] {1}))
                      .setData(ByteString.copyFrom(new byte[] {9, 0, 9}))
                      .setStackHeight(2))
              .addInstructions(
                  InnerInstruction.newBuilder()
                      .setProgramIdIndex(1)
                      .setAccounts(ByteString.EMPTY)
                      .setData(ByteString.EMPTY)));
      inner =
          "[{\"instructions\":[{\"stack_height\":2,\"data\":\"CQAJ\",\"accounts\":[1],"
              + "\"program_id_index\":2},{\"stack_height\":null,\"data\":\"\",\"accounts\":[],"
              + "\"program_id_index\":1}],\"index\":0}]";
    }
    List<String> logs = null;
    if (j % 6 == 0) {
      tx.setLogMessagesNone(true);
    } else {
      logs = new ArrayList<>();
      logs.add("Program Key" + j + " invoke [1]");
      logs.add("Program log: quote \" backslash \\ {braces}, comma NULL");
      if (j % 11 == 0) {
        logs.add("Program log: nul \0 inside, and \u2400 the escape symbol");
      }
      tx.addAllLogMessages(logs);
    }
    TransactionError err = null;
    if (j % 9 == 0) {
      err =
          TransactionError.newBuilder()
              .setBincode(ByteString.copyFrom(new byte[] {8, 0, 0, 0, 0, 25, 0, 0, 0, 1, 0, 0, 0}))
              .setDescription(j % 18 == 0 ? "InstructionError(0, Custom(1)) \0" : "")
              .build();
      tx.setErr(err);
    }
    Long cu = j % 8 == 0 ? null : 1000L + j;
    Long cost = j % 3 == 0 ? null : 1500L + j;
    if (cu != null) {
      tx.setComputeUnitsConsumed(cu);
    }
    if (cost != null) {
      tx.setCostUnits(cost);
    }
    List<String> pre = new ArrayList<>();
    List<String> post = new ArrayList<>();
    for (int k = 0; k < keys; k++) {
      long before = k == 0 && j % 13 == 0 ? Long.MIN_VALUE + j : 1_000_000L * k + j;
      long after = before - (k == 0 ? tx.getFee() : 0);
      tx.addPreBalances(before).addPostBalances(after);
      pre.add(u64(before));
      post.add(u64(after));
    }
    String returnProgram = null;
    String returnData = null;
    if (j % 8 == 0) {
      byte[] ret = {0, 1, 2, (byte) 255};
      tx.setReturnData(
          ReturnData.newBuilder().setProgramId("Ret" + j).setData(ByteString.copyFrom(ret)));
      returnProgram = "Ret" + j;
      returnData = HexFormat.of().formatHex(ret);
    }
    String txRewards = "[]";
    if (j % 100 == 0) {
      tx.addRewards(
          Reward.newBuilder()
              .setPubkey("Voter" + j)
              .setLamports(7)
              .setPostBalance(7)
              .setRewardType("voting")
              .setCommission("10"));
      txRewards =
          "[{\"pubkey\":\"Voter"
              + j
              + "\",\"lamports\":7,\"post_balance\":\"7\",\"reward_type\":\"voting\",\"commission\":\"10\"}]";
    }
    for (int b = 0; b < j % 3; b++) {
      tokenBalance(tx, j, b, keys);
    }
    send("transactions", signature, envelope().setTransaction(tx.build()).build(), true);
    String key = signature + "|" + slot;
    rows.get("transactions")
        .put(
            key,
            String.join(
                "|",
                signature,
                Long.toString(slot),
                Long.toString(j / slots),
                Boolean.toString(j % 4 == 0),
                Boolean.toString(err == null),
                err == null ? "<null>" : HexFormat.of().formatHex(err.getBincode().toByteArray()),
                err == null ? "<null>" : err.getDescription(),
                u64(tx.getFee()),
                nullable(cu),
                nullable(cost),
                tx.getSignaturesList().toString(),
                Boolean.toString(tx.getVersioned()),
                tx.getRecentBlockhash(),
                Integer.toString(tx.getNumRequiredSignatures()),
                "0",
                "1",
                tx.getAccountKeysList().toString(),
                Integer.toString(tx.getLoadedWritableCount()),
                Integer.toString(tx.getLoadedReadonlyCount()),
                nullable(logs),
                pre.toString(),
                post.toString(),
                nullable(returnProgram),
                nullable(returnData)));
    json.computeIfAbsent("transactions.instructions", k -> new TreeMap<>()).put(key, instructions);
    json.computeIfAbsent("transactions.inner_instructions", k -> new TreeMap<>()).put(key, inner);
    json.computeIfAbsent("transactions.rewards", k -> new TreeMap<>()).put(key, txRewards);
  }

  private void tokenBalance(TransactionEvent.Builder tx, int j, int b, int keys) {
    int index = j % 97 == 1 && b == 1 ? 250 : b;
    TokenBalance.Builder balance =
        TokenBalance.newBuilder()
            .setAccountIndex(index)
            .setMint("Mint" + (j % 31))
            .setOwner(j % 5 == 2 ? "" : "Owner" + (j % 41))
            .setProgramId(j % 7 == 3 ? "" : "Tokenkeg")
            .setDecimals(j % 10);
    Long pre = (j + b) % 6 == 0 ? null : (b == 0 ? Long.MIN_VALUE + j * 3L : 10L * j);
    Long post = (j + b) % 6 == 3 ? null : (b == 0 ? -1L - j : 10L * j + b);
    if (pre != null) {
      balance.setPreAmount(pre);
    }
    if (post != null) {
      balance.setPostAmount(post);
    }
    tx.addTokenBalances(balance);
    rows.get("token_balances")
        .put(
            tx.getSignature() + "|" + tx.getSlot() + "|" + index,
            String.join(
                "|",
                tx.getSignature(),
                Long.toString(tx.getSlot()),
                Integer.toString(index),
                index < keys ? tx.getAccountKeys(index) : "<null>",
                balance.getMint(),
                balance.getOwner().isEmpty() ? "<null>" : balance.getOwner(),
                balance.getProgramId().isEmpty() ? "<null>" : balance.getProgramId(),
                Integer.toString(j % 10),
                pre == null ? "<null>" : u64(pre),
                post == null ? "<null>" : u64(post)));
  }

  // ---- accounts ----

  private void account(int k, int writes) {
    String pubkey = "Acct" + k + "p" + Integer.toString(random.nextInt(1 << 24), 36);
    List<AccountUpdateEvent> history = new ArrayList<>();
    long slot = BASE_SLOT + random.nextInt(1000);
    long writeVersion = 1_000_000L * k;
    for (int w = 0; w < writes; w++) {
      if (random.nextInt(3) == 0) {
        slot += 1 + random.nextInt(3);
      }
      writeVersion += 1 + random.nextInt(5);
      byte[] data = new byte[random.nextInt(160)];
      random.nextBytes(data);
      AccountUpdateEvent.Builder update =
          AccountUpdateEvent.newBuilder()
              .setPubkey(pubkey)
              .setSlot(slot)
              .setWriteVersion(writeVersion)
              .setLamports(k % 10 == 0 ? -1L - w : 890_880L + w)
              .setOwner(k % 3 == 0 ? "Tokenkeg" : "System1111")
              .setExecutable(k % 17 == 0)
              .setRentEpoch(k % 2 == 0 ? -1L : 361L)
              .setData(ByteString.copyFrom(data))
              .setIsStartup(k % 50 == 0 && w == 0);
      if (w % 4 != 1) {
        update.setTxnSignature("Tx" + k + "w" + w);
      }
      history.add(update.build());
    }
    List<AccountUpdateEvent> order = new ArrayList<>(history);
    if (k % 4 == 0 && order.size() >= 2) {
      // The newest write arrives before an older one: the older must not replace it.
      Collections.swap(order, order.size() - 1, order.size() - 2);
    }
    for (AccountUpdateEvent update : order) {
      send("accounts", pubkey, envelope().setAccountUpdate(update).build(), true);
    }
    for (AccountUpdateEvent update : history) {
      rows.get("account_updates")
          .put(
              pubkey + "|" + update.getSlot() + "|" + update.getWriteVersion(),
              accountRow(update) + "|" + update.getIsStartup());
    }
    AccountUpdateEvent latest = history.get(history.size() - 1);
    rows.get("accounts").put(pubkey, accountRow(latest));
  }

  private static String accountRow(AccountUpdateEvent update) {
    return String.join(
        "|",
        update.getPubkey(),
        Long.toString(update.getSlot()),
        Long.toString(update.getWriteVersion()),
        u64(update.getLamports()),
        update.getOwner(),
        Boolean.toString(update.getExecutable()),
        u64(update.getRentEpoch()),
        HexFormat.of().formatHex(update.getData().toByteArray()),
        update.hasTxnSignature() ? update.getTxnSignature() : "<null>");
  }
}
