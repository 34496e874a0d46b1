package io.geyserindexer.proto;

import com.google.protobuf.ByteString;
import io.geyserindexer.proto.geyser.SubscribeReplayInfoResponse;
import io.geyserindexer.proto.geyser.SubscribeRequest;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterAccounts;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterAccountsFilter;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterSlots;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterTransactions;
import io.geyserindexer.proto.geyser.SubscribeUpdate;
import io.geyserindexer.proto.geyser.SubscribeUpdateAccount;
import io.geyserindexer.proto.geyser.SubscribeUpdateBlockMeta;
import io.geyserindexer.proto.geyser.SubscribeUpdateEntry;
import io.geyserindexer.proto.geyser.SubscribeUpdateSlot;
import io.geyserindexer.proto.geyser.SubscribeUpdateTransaction;
import io.geyserindexer.proto.geyser.SubscribeUpdateTransactionStatus;
import io.geyserindexer.proto.solana.CompiledInstruction;
import io.geyserindexer.proto.solana.InnerInstruction;
import io.geyserindexer.proto.solana.InnerInstructions;
import io.geyserindexer.proto.solana.Message;
import io.geyserindexer.proto.solana.MessageAddressTableLookup;
import io.geyserindexer.proto.solana.Reward;
import io.geyserindexer.proto.solana.TokenBalance;
import io.geyserindexer.proto.solana.TransactionStatusMeta;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders decoded messages in the fixtures' {@code expect} conventions (u64 as decimal text, raw
 * keys as base58, bytes as hex, presence as {@code *_present}), so a test can compare what our
 * classes decoded with what the independent encoder says is on the wire. It renders more than any
 * fixture lists; the test checks every listed value against it.
 */
final class WireFixtureRendering {

  private WireFixtureRendering() {}

  static Map<String, Object> render(SubscribeUpdate update) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("filters", update.getFiltersList());
    out.put("kind", update.getUpdateOneofCase().name().toLowerCase(java.util.Locale.ROOT));
    out.put("created_at_present", update.hasCreatedAt());
    if (update.hasCreatedAt()) {
      out.put(
          "created_at",
          Map.of(
              "seconds", update.getCreatedAt().getSeconds(),
              "nanos", update.getCreatedAt().getNanos()));
    }
    switch (update.getUpdateOneofCase()) {
      case ACCOUNT -> renderAccount(update.getAccount(), out);
      case SLOT -> renderSlot(update.getSlot(), out);
      case TRANSACTION -> renderTransaction(update.getTransaction(), out);
      case TRANSACTION_STATUS -> renderTransactionStatus(update.getTransactionStatus(), out);
      case BLOCK_META -> renderBlockMeta(update.getBlockMeta(), out);
      case ENTRY -> renderEntry(update.getEntry(), out);
      case PONG -> out.put("id", update.getPong().getId());
      default -> {}
    }
    return out;
  }

  private static void renderAccount(SubscribeUpdateAccount account, Map<String, Object> out) {
    var info = account.getAccount();
    out.put("slot", u64(account.getSlot()));
    out.put("is_startup", account.getIsStartup());
    out.put("account.pubkey_base58", b58(info.getPubkey()));
    out.put("account.lamports", u64(info.getLamports()));
    out.put("account.owner_base58", b58(info.getOwner()));
    out.put("account.executable", info.getExecutable());
    out.put("account.rent_epoch", u64(info.getRentEpoch()));
    out.put("account.data_len", info.getData().size());
    out.put("account.data_sha256", sha256(info.getData()));
    out.put("account.write_version", u64(info.getWriteVersion()));
    out.put("account.txn_signature_present", info.hasTxnSignature());
    if (info.hasTxnSignature()) {
      out.put("account.txn_signature_base58", b58(info.getTxnSignature()));
    }
  }

  private static void renderSlot(SubscribeUpdateSlot slot, Map<String, Object> out) {
    out.put("slot", u64(slot.getSlot()));
    out.put("parent_present", slot.hasParent());
    if (slot.hasParent()) {
      out.put("parent", u64(slot.getParent()));
    }
    out.put("status", slot.getStatus().name());
    out.put("status_number", slot.getStatusValue());
    out.put("dead_error_present", slot.hasDeadError());
    if (slot.hasDeadError()) {
      out.put("dead_error", slot.getDeadError());
    }
  }

  private static void renderTransaction(SubscribeUpdateTransaction tx, Map<String, Object> out) {
    var info = tx.getTransaction();
    Message message = info.getTransaction().getMessage();
    TransactionStatusMeta meta = info.getMeta();
    out.put("slot", u64(tx.getSlot()));
    out.put("signature_base58", b58(info.getSignature()));
    out.put("is_vote", info.getIsVote());
    out.put("index", u64(info.getIndex()));
    out.put("transaction.signatures_base58", b58List(info.getTransaction().getSignaturesList()));
    out.put(
        "message.header",
        List.of(
            message.getHeader().getNumRequiredSignatures(),
            message.getHeader().getNumReadonlySignedAccounts(),
            message.getHeader().getNumReadonlyUnsignedAccounts()));
    out.put("message.account_keys_base58", b58List(message.getAccountKeysList()));
    out.put("message.recent_blockhash_base58", b58(message.getRecentBlockhash()));
    out.put("message.versioned", message.getVersioned());
    List<Object> instructions = new ArrayList<>();
    for (CompiledInstruction ix : message.getInstructionsList()) {
      instructions.add(
          Map.of(
              "program_id_index", ix.getProgramIdIndex(),
              "accounts", u8List(ix.getAccounts()),
              "data_hex", hex(ix.getData())));
    }
    out.put("message.instructions", instructions);
    List<Object> lookups = new ArrayList<>();
    for (MessageAddressTableLookup lookup : message.getAddressTableLookupsList()) {
      lookups.add(
          Map.of(
              "account_key_base58", b58(lookup.getAccountKey()),
              "writable_indexes", u8List(lookup.getWritableIndexes()),
              "readonly_indexes", u8List(lookup.getReadonlyIndexes())));
    }
    out.put("message.address_table_lookups", lookups);

    out.put("meta.err_present", meta.hasErr());
    if (meta.hasErr()) {
      out.put("meta.err_hex", hex(meta.getErr().getErr()));
    }
    out.put("meta.fee", u64(meta.getFee()));
    out.put(
        "meta.pre_balances",
        meta.getPreBalancesList().stream().map(WireFixtureRendering::u64).toList());
    out.put(
        "meta.post_balances",
        meta.getPostBalancesList().stream().map(WireFixtureRendering::u64).toList());
    List<Object> inner = new ArrayList<>();
    for (InnerInstructions group : meta.getInnerInstructionsList()) {
      List<Object> members = new ArrayList<>();
      for (InnerInstruction ix : group.getInstructionsList()) {
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("program_id_index", ix.getProgramIdIndex());
        member.put("accounts", u8List(ix.getAccounts()));
        member.put("data_hex", hex(ix.getData()));
        member.put("stack_height_present", ix.hasStackHeight());
        if (ix.hasStackHeight()) {
          member.put("stack_height", ix.getStackHeight());
        }
        members.add(member);
      }
      inner.add(Map.of("index", group.getIndex(), "instructions", members));
    }
    out.put("meta.inner_instructions", inner);
    out.put("meta.inner_instructions_none", meta.getInnerInstructionsNone());
    out.put("meta.log_messages", meta.getLogMessagesList());
    out.put("meta.log_messages_none", meta.getLogMessagesNone());
    out.put("meta.pre_token_balances", tokenBalances(meta.getPreTokenBalancesList()));
    out.put("meta.post_token_balances", tokenBalances(meta.getPostTokenBalancesList()));
    out.put(
        "meta.loaded_writable_addresses_base58", b58List(meta.getLoadedWritableAddressesList()));
    out.put(
        "meta.loaded_readonly_addresses_base58", b58List(meta.getLoadedReadonlyAddressesList()));
    out.put(
        "all_account_keys_in_order_base58", b58List(TransactionKeys.fullKeyList(message, meta)));
    out.put("meta.return_data_present", meta.hasReturnData());
    if (meta.hasReturnData()) {
      out.put(
          "meta.return_data",
          Map.of(
              "program_id_base58", b58(meta.getReturnData().getProgramId()),
              "data_hex", hex(meta.getReturnData().getData())));
    }
    out.put("meta.compute_units_consumed_present", meta.hasComputeUnitsConsumed());
    if (meta.hasComputeUnitsConsumed()) {
      out.put("meta.compute_units_consumed", u64(meta.getComputeUnitsConsumed()));
    }
    out.put("meta.cost_units_present", meta.hasCostUnits());
    if (meta.hasCostUnits()) {
      out.put("meta.cost_units", u64(meta.getCostUnits()));
    }
  }

  private static List<Object> tokenBalances(List<TokenBalance> balances) {
    List<Object> out = new ArrayList<>();
    for (TokenBalance balance : balances) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("account_index", balance.getAccountIndex());
      row.put("mint", balance.getMint());
      row.put("owner", balance.getOwner());
      row.put("program_id", balance.getProgramId());
      row.put("amount", balance.getUiTokenAmount().getAmount());
      row.put("decimals", balance.getUiTokenAmount().getDecimals());
      row.put("ui_amount_string", balance.getUiTokenAmount().getUiAmountString());
      out.add(row);
    }
    return out;
  }

  private static void renderTransactionStatus(
      SubscribeUpdateTransactionStatus status, Map<String, Object> out) {
    out.put("slot", u64(status.getSlot()));
    out.put("signature_base58", b58(status.getSignature()));
    out.put("is_vote", status.getIsVote());
    out.put("index", u64(status.getIndex()));
    out.put("err_present", status.hasErr());
    if (status.hasErr()) {
      out.put("err_hex", hex(status.getErr().getErr()));
    }
  }

  private static void renderBlockMeta(SubscribeUpdateBlockMeta meta, Map<String, Object> out) {
    out.put("slot", u64(meta.getSlot()));
    out.put("blockhash", meta.getBlockhash());
    out.put("parent_slot", u64(meta.getParentSlot()));
    out.put("parent_blockhash", meta.getParentBlockhash());
    out.put("block_time_present", meta.hasBlockTime());
    if (meta.hasBlockTime()) {
      out.put("block_time", Long.toString(meta.getBlockTime().getTimestamp()));
    }
    out.put("block_height_present", meta.hasBlockHeight());
    if (meta.hasBlockHeight()) {
      out.put("block_height", u64(meta.getBlockHeight().getBlockHeight()));
    }
    out.put("executed_transaction_count", u64(meta.getExecutedTransactionCount()));
    out.put("entries_count", u64(meta.getEntriesCount()));
    List<Object> rewards = new ArrayList<>();
    for (Reward reward : meta.getRewards().getRewardsList()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("pubkey", reward.getPubkey());
      row.put("lamports", Long.toString(reward.getLamports()));
      row.put("post_balance", u64(reward.getPostBalance()));
      row.put("reward_type", reward.getRewardType().name());
      row.put("reward_type_number", reward.getRewardTypeValue());
      row.put("commission", reward.getCommission());
      rewards.add(row);
    }
    out.put("rewards", rewards);
    out.put("rewards.num_partitions", u64(meta.getRewards().getNumPartitions().getNumPartitions()));
  }

  private static void renderEntry(SubscribeUpdateEntry entry, Map<String, Object> out) {
    out.put("slot", u64(entry.getSlot()));
    out.put("index", u64(entry.getIndex()));
    out.put("num_hashes", u64(entry.getNumHashes()));
    out.put("hash_base58", b58(entry.getHash()));
    out.put("executed_transaction_count", u64(entry.getExecutedTransactionCount()));
    out.put("starting_transaction_index", u64(entry.getStartingTransactionIndex()));
  }

  static Map<String, Object> render(SubscribeRequest request) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> accounts = new LinkedHashMap<>();
    request.getAccountsMap().forEach((name, filter) -> accounts.put(name, accountFilter(filter)));
    out.put("accounts", accounts);
    Map<String, Object> transactions = new LinkedHashMap<>();
    request
        .getTransactionsMap()
        .forEach((name, filter) -> transactions.put(name, transactionFilter(filter)));
    out.put("transactions", transactions);
    Map<String, Object> slots = new LinkedHashMap<>();
    request.getSlotsMap().forEach((name, filter) -> slots.put(name, slotFilter(filter)));
    out.put("slots", slots);
    Map<String, Object> blocksMeta = new LinkedHashMap<>();
    request.getBlocksMetaMap().keySet().forEach(name -> blocksMeta.put(name, Map.of()));
    out.put("blocks_meta", blocksMeta);
    out.put("commitment_present", request.hasCommitment());
    if (request.hasCommitment()) {
      out.put("commitment", request.getCommitment().name());
      out.put("commitment_number", request.getCommitmentValue());
    }
    List<Object> slices = new ArrayList<>();
    request
        .getAccountsDataSliceList()
        .forEach(
            s -> slices.add(Map.of("offset", u64(s.getOffset()), "length", u64(s.getLength()))));
    out.put("accounts_data_slice", slices);
    out.put("from_slot_present", request.hasFromSlot());
    if (request.hasFromSlot()) {
      out.put("from_slot", u64(request.getFromSlot()));
    }
    out.put("ping_present", request.hasPing());
    if (request.hasPing()) {
      out.put("ping.id", request.getPing().getId());
    }
    return out;
  }

  private static Map<String, Object> accountFilter(SubscribeRequestFilterAccounts filter) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("account", filter.getAccountList());
    out.put("owner", filter.getOwnerList());
    List<Object> filters = new ArrayList<>();
    for (SubscribeRequestFilterAccountsFilter f : filter.getFiltersList()) {
      switch (f.getFilterCase()) {
        case DATASIZE -> filters.add(Map.of("datasize", u64(f.getDatasize())));
        case TOKEN_ACCOUNT_STATE -> filters.add(Map.of("token_account_state", true));
        case MEMCMP -> {
          var memcmp = f.getMemcmp();
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("offset", u64(memcmp.getOffset()));
          switch (memcmp.getDataCase()) {
            case BASE58 -> m.put("base58", memcmp.getBase58());
            case BASE64 -> m.put("base64", memcmp.getBase64());
            case BYTES -> m.put("bytes_hex", hex(memcmp.getBytes()));
            default -> {}
          }
          filters.add(Map.of("memcmp", m));
        }
        case LAMPORTS -> filters.add(Map.of("lamports", f.getLamports().toString()));
        default -> filters.add(Map.of());
      }
    }
    out.put("filters", filters);
    out.put("nonempty_txn_signature_present", filter.hasNonemptyTxnSignature());
    if (filter.hasNonemptyTxnSignature()) {
      out.put("nonempty_txn_signature", filter.getNonemptyTxnSignature());
    }
    return out;
  }

  private static Map<String, Object> transactionFilter(SubscribeRequestFilterTransactions filter) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("vote_present", filter.hasVote());
    if (filter.hasVote()) {
      out.put("vote", filter.getVote());
    }
    out.put("failed_present", filter.hasFailed());
    if (filter.hasFailed()) {
      out.put("failed", filter.getFailed());
    }
    out.put("account_include", filter.getAccountIncludeList());
    out.put("account_exclude", filter.getAccountExcludeList());
    out.put("account_required", filter.getAccountRequiredList());
    return out;
  }

  private static Map<String, Object> slotFilter(SubscribeRequestFilterSlots filter) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("filter_by_commitment_present", filter.hasFilterByCommitment());
    if (filter.hasFilterByCommitment()) {
      out.put("filter_by_commitment", filter.getFilterByCommitment());
    }
    out.put("interslot_updates_present", filter.hasInterslotUpdates());
    if (filter.hasInterslotUpdates()) {
      out.put("interslot_updates", filter.getInterslotUpdates());
    }
    return out;
  }

  static Map<String, Object> render(SubscribeReplayInfoResponse response) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("first_available_present", response.hasFirstAvailable());
    if (response.hasFirstAvailable()) {
      out.put("first_available", u64(response.getFirstAvailable()));
    }
    return out;
  }

  private static String u64(long value) {
    return Long.toUnsignedString(value);
  }

  private static String b58(ByteString bytes) {
    return Base58.encode(bytes.toByteArray());
  }

  private static List<String> b58List(List<ByteString> values) {
    return values.stream().map(WireFixtureRendering::b58).toList();
  }

  private static List<Integer> u8List(ByteString bytes) {
    List<Integer> out = new ArrayList<>(bytes.size());
    for (int i = 0; i < bytes.size(); i++) {
      out.add(bytes.byteAt(i) & 0xFF);
    }
    return out;
  }

  private static String hex(ByteString bytes) {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }

  static String sha256(ByteString bytes) {
    return sha256(bytes.toByteArray());
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }
}
