package io.geyserindexer.simulator.traffic;

import com.google.protobuf.ByteString;
import io.geyserindexer.proto.geyser.SubscribeUpdateTransactionInfo;
import io.geyserindexer.proto.solana.CompiledInstruction;
import io.geyserindexer.proto.solana.InnerInstruction;
import io.geyserindexer.proto.solana.InnerInstructions;
import io.geyserindexer.proto.solana.Message;
import io.geyserindexer.proto.solana.MessageHeader;
import io.geyserindexer.proto.solana.ReturnData;
import io.geyserindexer.proto.solana.Transaction;
import io.geyserindexer.proto.solana.TransactionStatusMeta;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Non-vote transactions: one or two signers, hot and fresh writable accounts, a compute-budget
 * instruction, a call into a hot program, sometimes an SPL token transfer and a memo; legacy or v0
 * with address table lookups; successful or failed with a real bincode error.
 */
final class ProgramTransactionFactory {

  private static final long SIGNATURE_FEE = 5_000;
  private static final long PROGRAM_BALANCE = 1_141_440;
  private static final long COMPUTE_LIMIT = 200_000;

  private final KeyPool keys;
  private final TokenBalanceFactory tokens;
  private final LookupSelection lookups;

  ProgramTransactionFactory(KeyPool keys) {
    this.keys = keys;
    this.tokens = new TokenBalanceFactory(keys);
    this.lookups = new LookupSelection(keys);
  }

  GeneratedTransaction create(
      SeededRandom random, TrafficConfig config, ByteString recentBlockhash, long index) {
    boolean failed = random.chance(config.failedShare());
    boolean versioned = random.chance(config.v0Share());
    boolean token = random.chance(config.tokenShare());
    boolean memo = random.chance(0.1);
    ByteString program = random.pick(keys.hotPrograms());

    // Static keys: signers, writable unsigned, read-only programs (the order Solana requires).
    int signers = random.chance(0.8) ? 1 : 2;
    KeyList keyList = new KeyList();
    List<AccountTarget> writable = new ArrayList<>();
    for (int i = 0; i < signers; i++) {
      ByteString signer = random.pubkey();
      keyList.add(signer);
      writable.add(AccountTarget.wallet(signer));
    }
    int hot = random.nextInt(3);
    for (int i = 0; i < hot; i++) {
      ByteString account = random.pick(keys.hotAccounts());
      if (keyList.add(account)) {
        writable.add(
            new AccountTarget(account, keys.hotOwner(account), AccountTarget.Kind.STATE, null));
      }
    }
    int fresh = 1 + random.nextInt(2);
    for (int i = 0; i < fresh; i++) {
      ByteString account = random.pubkey();
      keyList.add(account);
      writable.add(new AccountTarget(account, program, AccountTarget.Kind.STATE, null));
    }
    List<Integer> tokenIndexes = new ArrayList<>();
    List<ByteString> tokenMints = new ArrayList<>();
    if (token) {
      int count = 1 + random.nextInt(3);
      for (int i = 0; i < count; i++) {
        tokenIndexes.add(keyList.size());
        keyList.add(random.pubkey());
        tokenMints.add(random.pick(keys.mints()));
      }
    }
    int firstReadonly = keyList.size();
    keyList.add(KeyPool.COMPUTE_BUDGET_PROGRAM);
    keyList.add(program);
    if (token) {
      keyList.add(KeyPool.TOKEN_PROGRAM);
    }
    if (memo) {
      keyList.add(KeyPool.MEMO_PROGRAM);
    }
    int staticCount = keyList.size();
    LookupSelection.Loaded loaded =
        versioned ? lookups.select(random, keyList) : LookupSelection.Loaded.NONE;

    // Token balances decide the token accounts' post state (held, created or closed).
    List<TokenBalanceFactory.Change> changes = new ArrayList<>();
    for (int i = 0; i < tokenIndexes.size(); i++) {
      TokenBalanceFactory.Change change =
          tokens.create(random, tokenIndexes.get(i), tokenMints.get(i), failed);
      changes.add(change);
      ByteString account = keyList.get(tokenIndexes.get(i));
      writable.add(
          change.closed()
              ? new AccountTarget(account, KeyPool.SYSTEM_PROGRAM, AccountTarget.Kind.CLOSED, null)
              : new AccountTarget(
                  account, KeyPool.TOKEN_PROGRAM, AccountTarget.Kind.TOKEN, tokenMints.get(i)));
    }

    // Instructions and logs; a failed transaction stops at its main instruction.
    Message.Builder message =
        Message.newBuilder()
            .setHeader(
                MessageHeader.newBuilder()
                    .setNumRequiredSignatures(signers)
                    .setNumReadonlySignedAccounts(0)
                    .setNumReadonlyUnsignedAccounts(staticCount - firstReadonly))
            .addAllAccountKeys(keyList.keys())
            .setRecentBlockhash(recentBlockhash)
            .setVersioned(versioned)
            .addAllAddressTableLookups(loaded.lookups());
    TransactionStatusMeta.Builder meta = TransactionStatusMeta.newBuilder();
    message.addInstructions(
        instruction(keyList.indexOf(KeyPool.COMPUTE_BUDGET_PROGRAM), new byte[0], computeLimit()));
    meta.addLogMessages(ProgramLogs.invoke(KeyPool.COMPUTE_BUDGET_PROGRAM, 1))
        .addLogMessages(ProgramLogs.success(KeyPool.COMPUTE_BUDGET_PROGRAM));
    byte[] mainAccounts = new byte[firstReadonly - signers + loaded.count()];
    for (int i = 0; i < mainAccounts.length; i++) {
      int keyIndex =
          i < firstReadonly - signers ? signers + i : staticCount + i - (firstReadonly - signers);
      mainAccounts[i] = (byte) keyIndex;
    }
    message.addInstructions(
        instruction(
            keyList.indexOf(program),
            mainAccounts,
            random.bytes(8 + random.nextInt(32)).toByteArray()));
    long units = random.nextLong(5_000, 180_000);
    meta.addLogMessages(ProgramLogs.invoke(program, 1))
        .addLogMessages(ProgramLogs.instruction(random.chance(0.5) ? "Swap" : "Route"));
    if (random.chance(0.03)) {
      meta.addLogMessages(ProgramLogs.NUL_LOG);
    }
    meta.addLogMessages(ProgramLogs.consumed(program, units, COMPUTE_LIMIT));
    if (failed) {
      if (random.chance(0.8)) {
        int code = 1 + random.nextInt(6_000);
        meta.setErr(TransactionErrors.custom(1, code))
            .addLogMessages(ProgramLogs.failedCustom(program, code));
      } else {
        meta.setErr(TransactionErrors.instruction(1, TransactionErrors.INVALID_ACCOUNT_DATA))
            .addLogMessages(ProgramLogs.failedInvalidAccountData(program));
      }
    } else {
      meta.addLogMessages(ProgramLogs.success(program));
    }
    if (token) {
      byte[] transfer =
          ByteBuffer.allocate(9)
              .order(ByteOrder.LITTLE_ENDIAN)
              .put((byte) 3)
              .putLong(random.nextLong(1, Long.MAX_VALUE))
              .array();
      byte[] accounts = {
        (byte) (int) tokenIndexes.get(0), (byte) (int) tokenIndexes.get(tokenIndexes.size() - 1), 0
      };
      message.addInstructions(
          instruction(keyList.indexOf(KeyPool.TOKEN_PROGRAM), accounts, transfer));
      if (!failed) {
        meta.addLogMessages(ProgramLogs.invoke(KeyPool.TOKEN_PROGRAM, 1))
            .addLogMessages(ProgramLogs.instruction("Transfer"))
            .addLogMessages(ProgramLogs.success(KeyPool.TOKEN_PROGRAM));
      }
    }
    if (memo) {
      String text = random.chance(0.7) ? random.pick(ProgramLogs.UNICODE_MEMOS) : "gm";
      message.addInstructions(
          instruction(
              keyList.indexOf(KeyPool.MEMO_PROGRAM),
              new byte[0],
              text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      if (!failed) {
        meta.addLogMessages(ProgramLogs.invoke(KeyPool.MEMO_PROGRAM, 1))
            .addLogMessages(ProgramLogs.memo(text))
            .addLogMessages(ProgramLogs.success(KeyPool.MEMO_PROGRAM));
      }
    }

    // Balances over the full key list (static + loaded); only the fee payer pays on failure.
    int fullCount = staticCount + loaded.count();
    long fee = SIGNATURE_FEE * signers + random.nextLong(0, 100_000);
    long transfer = failed ? 0 : random.nextLong(0, 1_000_000_000L);
    for (int i = 0; i < fullCount; i++) {
      boolean isProgram = i >= firstReadonly && i < staticCount;
      long pre = isProgram ? PROGRAM_BALANCE : random.nextLong(2_039_280, 100_000_000_000L);
      if (i == 0) {
        pre += fee + transfer;
      }
      long post = i == 0 ? pre - fee - transfer : (i == signers && !failed ? pre + transfer : pre);
      meta.addPreBalances(pre).addPostBalances(post);
    }
    meta.setFee(fee)
        .addAllPreTokenBalances(TokenBalanceFactory.present(changes, true))
        .addAllPostTokenBalances(TokenBalanceFactory.present(changes, false))
        .addAllLoadedWritableAddresses(loaded.writable())
        .addAllLoadedReadonlyAddresses(loaded.readonly())
        .setComputeUnitsConsumed(units + 300)
        .setCostUnits(units + 1_500 + 720L * signers);
    if (!failed && token) {
      meta.addInnerInstructions(
          InnerInstructions.newBuilder()
              .setIndex(1)
              .addInstructions(
                  InnerInstruction.newBuilder()
                      .setProgramIdIndex(keyList.indexOf(KeyPool.TOKEN_PROGRAM))
                      .setAccounts(
                          ByteString.copyFrom(new byte[] {(byte) (int) tokenIndexes.get(0), 0}))
                      .setData(ByteString.copyFrom(new byte[] {3, 1, 0, 0, 0, 0, 0, 0, 0}))
                      .setStackHeight(2)));
    }
    if (!failed && random.chance(0.2)) {
      meta.setReturnData(ReturnData.newBuilder().setProgramId(program).setData(random.bytes(8)));
    } else {
      meta.setReturnDataNone(true);
    }

    ByteString signature = random.signature();
    Transaction.Builder transaction = Transaction.newBuilder().addSignatures(signature);
    for (int i = 1; i < signers; i++) {
      transaction.addSignatures(random.signature());
    }
    writable.addAll(loaded.writableTargets());
    SubscribeUpdateTransactionInfo info =
        SubscribeUpdateTransactionInfo.newBuilder()
            .setSignature(signature)
            .setIsVote(false)
            .setTransaction(transaction.setMessage(message))
            .setMeta(meta)
            .setIndex(index)
            .build();
    // A failed transaction only charges the fee: the fee payer is its one written account.
    return new GeneratedTransaction(
        info, failed ? List.of(writable.get(0)) : List.copyOf(writable));
  }

  private static byte[] computeLimit() {
    return ByteBuffer.allocate(5)
        .order(ByteOrder.LITTLE_ENDIAN)
        .put((byte) 2)
        .putInt((int) COMPUTE_LIMIT)
        .array();
  }

  private static CompiledInstruction instruction(int program, byte[] accounts, byte[] data) {
    return CompiledInstruction.newBuilder()
        .setProgramIdIndex(program)
        .setAccounts(ByteString.copyFrom(accounts))
        .setData(ByteString.copyFrom(data))
        .build();
  }
}
