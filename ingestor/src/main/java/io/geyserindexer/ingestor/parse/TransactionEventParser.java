package io.geyserindexer.ingestor.parse;

import com.google.protobuf.ByteString;
import io.geyserindexer.proto.TransactionKeys;
import io.geyserindexer.proto.events.EventRecord;
import io.geyserindexer.proto.events.InnerInstruction;
import io.geyserindexer.proto.events.InnerInstructions;
import io.geyserindexer.proto.events.Instruction;
import io.geyserindexer.proto.events.ReturnData;
import io.geyserindexer.proto.events.TokenBalance;
import io.geyserindexer.proto.events.TransactionEvent;
import io.geyserindexer.proto.geyser.SubscribeUpdateTransaction;
import io.geyserindexer.proto.geyser.SubscribeUpdateTransactionInfo;
import io.geyserindexer.proto.solana.CompiledInstruction;
import io.geyserindexer.proto.solana.Message;
import io.geyserindexer.proto.solana.TransactionStatusMeta;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds the {@link TransactionEvent} of one transaction update: message, meta, token balances. */
final class TransactionEventParser {

  ParsedEvent parse(SubscribeUpdateTransaction update, EventRecord.Builder envelope) {
    if (!update.hasTransaction()) {
      throw new IllegalArgumentException("transaction update without transaction info");
    }
    SubscribeUpdateTransactionInfo info = update.getTransaction();
    String signature =
        GeyserUpdateParser.base58(
            info.getSignature(), GeyserUpdateParser.SIGNATURE_BYTES, "signature");
    Message message = info.getTransaction().getMessage();
    TransactionStatusMeta meta = info.getMeta();

    TransactionEvent.Builder event =
        TransactionEvent.newBuilder()
            .setSignature(signature)
            .setSlot(update.getSlot())
            .setIndex(info.getIndex())
            .setIsVote(info.getIsVote())
            .setVersioned(message.getVersioned())
            .setNumRequiredSignatures(message.getHeader().getNumRequiredSignatures())
            .setNumReadonlySignedAccounts(message.getHeader().getNumReadonlySignedAccounts())
            .setNumReadonlyUnsignedAccounts(message.getHeader().getNumReadonlyUnsignedAccounts())
            .setLoadedWritableCount(meta.getLoadedWritableAddressesCount())
            .setLoadedReadonlyCount(meta.getLoadedReadonlyAddressesCount())
            .setInnerInstructionsNone(meta.getInnerInstructionsNone())
            .setFee(meta.getFee())
            .addAllPreBalances(meta.getPreBalancesList())
            .addAllPostBalances(meta.getPostBalancesList())
            .addAllLogMessages(meta.getLogMessagesList())
            .setLogMessagesNone(meta.getLogMessagesNone())
            .addAllRewards(GeyserUpdateParser.rewards(meta.getRewardsList()))
            .addAllTokenBalances(tokenBalances(meta));
    for (ByteString sig : info.getTransaction().getSignaturesList()) {
      event.addSignatures(
          GeyserUpdateParser.base58(sig, GeyserUpdateParser.SIGNATURE_BYTES, "signatures[]"));
    }
    if (!message.getRecentBlockhash().isEmpty()) {
      event.setRecentBlockhash(
          GeyserUpdateParser.base58(
              message.getRecentBlockhash(), GeyserUpdateParser.PUBKEY_BYTES, "recent_blockhash"));
    }
    // The full key list every index refers to: static, then loaded writable, then loaded readonly.
    for (ByteString key : TransactionKeys.fullKeyList(message, meta)) {
      event.addAccountKeys(
          GeyserUpdateParser.base58(key, GeyserUpdateParser.PUBKEY_BYTES, "account_keys[]"));
    }
    for (CompiledInstruction ix : message.getInstructionsList()) {
      event.addInstructions(
          Instruction.newBuilder()
              .setProgramIdIndex(ix.getProgramIdIndex())
              .setAccounts(ix.getAccounts())
              .setData(ix.getData()));
    }
    meta.getInnerInstructionsList().forEach(inner -> event.addInnerInstructions(inner(inner)));
    if (meta.hasErr()) {
      event.setErr(GeyserUpdateParser.error(meta.getErr().getErr()));
    }
    if (meta.hasComputeUnitsConsumed()) {
      event.setComputeUnitsConsumed(meta.getComputeUnitsConsumed());
    }
    if (meta.hasCostUnits()) {
      event.setCostUnits(meta.getCostUnits());
    }
    if (meta.hasReturnData() && !meta.getReturnDataNone()) {
      event.setReturnData(
          ReturnData.newBuilder()
              .setProgramId(
                  GeyserUpdateParser.base58(
                      meta.getReturnData().getProgramId(),
                      GeyserUpdateParser.PUBKEY_BYTES,
                      "return_data.program_id"))
              .setData(meta.getReturnData().getData()));
    }
    return new ParsedEvent(
        EventKind.TRANSACTION, signature, update.getSlot(), envelope.setTransaction(event).build());
  }

  private static InnerInstructions inner(io.geyserindexer.proto.solana.InnerInstructions source) {
    InnerInstructions.Builder out = InnerInstructions.newBuilder().setIndex(source.getIndex());
    for (io.geyserindexer.proto.solana.InnerInstruction ix : source.getInstructionsList()) {
      InnerInstruction.Builder inner =
          InnerInstruction.newBuilder()
              .setProgramIdIndex(ix.getProgramIdIndex())
              .setAccounts(ix.getAccounts())
              .setData(ix.getData());
      if (ix.hasStackHeight()) {
        inner.setStackHeight(ix.getStackHeight());
      }
      out.addInstructions(inner);
    }
    return out.build();
  }

  /**
   * Joins pre and post token balances by account index: one entry per account that has a token
   * balance on either side, ordered by index. Amounts are u64 decimal text, parsed exactly.
   */
  static List<TokenBalance> tokenBalances(TransactionStatusMeta meta) {
    Map<Integer, TokenBalance.Builder> byIndex = new TreeMap<>();
    for (io.geyserindexer.proto.solana.TokenBalance pre : meta.getPreTokenBalancesList()) {
      balance(byIndex, pre).setPreAmount(amount(pre, "pre_token_balances"));
    }
    for (io.geyserindexer.proto.solana.TokenBalance post : meta.getPostTokenBalancesList()) {
      balance(byIndex, post).setPostAmount(amount(post, "post_token_balances"));
    }
    return byIndex.values().stream().map(TokenBalance.Builder::build).toList();
  }

  private static TokenBalance.Builder balance(
      Map<Integer, TokenBalance.Builder> byIndex, io.geyserindexer.proto.solana.TokenBalance b) {
    // The post side wins for descriptive fields: a mint or owner can only be set, not changed.
    return byIndex
        .computeIfAbsent(b.getAccountIndex(), i -> TokenBalance.newBuilder().setAccountIndex(i))
        .setMint(b.getMint())
        .setOwner(b.getOwner())
        .setProgramId(b.getProgramId())
        .setDecimals(b.getUiTokenAmount().getDecimals());
  }

  private static long amount(io.geyserindexer.proto.solana.TokenBalance b, String field) {
    String text = b.getUiTokenAmount().getAmount();
    try {
      return Long.parseUnsignedLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          field + " of account index " + b.getAccountIndex() + " has amount '" + text + "'", e);
    }
  }
}
