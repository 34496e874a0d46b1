package io.geyserindexer.simulator.traffic;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.geyserindexer.proto.geyser.SubscribeUpdateTransactionInfo;
import io.geyserindexer.proto.solana.CompiledInstruction;
import io.geyserindexer.proto.solana.Message;
import io.geyserindexer.proto.solana.MessageHeader;
import io.geyserindexer.proto.solana.Transaction;
import io.geyserindexer.proto.solana.TransactionStatusMeta;
import java.util.List;

/**
 * Vote transactions as validators send them: legacy, one signer, TowerSync into the vote account.
 */
final class VoteTransactionFactory {

  private static final long VOTE_FEE = 5_000;
  private static final int TOWER_SYNC = 14;

  private final KeyPool keys;

  VoteTransactionFactory(KeyPool keys) {
    this.keys = keys;
  }

  GeneratedTransaction create(SeededRandom random, ByteString recentBlockhash, long index) {
    KeyPool.Validator validator = random.pick(keys.validators());
    ByteString signature = random.signature();
    byte[] data = new byte[96];
    random.fill(data, 0, data.length);
    data[0] = TOWER_SYNC;
    data[1] = 0;
    data[2] = 0;
    data[3] = 0;
    Message message =
        Message.newBuilder()
            .setHeader(
                MessageHeader.newBuilder()
                    .setNumRequiredSignatures(1)
                    .setNumReadonlySignedAccounts(0)
                    .setNumReadonlyUnsignedAccounts(1))
            .addAccountKeys(validator.identity())
            .addAccountKeys(validator.voteAccount())
            .addAccountKeys(KeyPool.VOTE_PROGRAM)
            .setRecentBlockhash(recentBlockhash)
            .addInstructions(
                CompiledInstruction.newBuilder()
                    .setProgramIdIndex(2)
                    .setAccounts(ByteString.copyFrom(new byte[] {1, 0}))
                    .setData(UnsafeByteOperations.unsafeWrap(data)))
            .build();
    long identityBalance = random.nextLong(1_000_000_000L, 500_000_000_000L);
    long voteBalance = random.nextLong(1_000_000_000L, 50_000_000_000_000L);
    TransactionStatusMeta meta =
        TransactionStatusMeta.newBuilder()
            .setFee(VOTE_FEE)
            .addAllPreBalances(List.of(identityBalance, voteBalance, 1L))
            .addAllPostBalances(List.of(identityBalance - VOTE_FEE, voteBalance, 1L))
            .addLogMessages(ProgramLogs.invoke(KeyPool.VOTE_PROGRAM, 1))
            .addLogMessages(ProgramLogs.success(KeyPool.VOTE_PROGRAM))
            .setReturnDataNone(true)
            .setComputeUnitsConsumed(2_100)
            .setCostUnits(1_434)
            .build();
    SubscribeUpdateTransactionInfo info =
        SubscribeUpdateTransactionInfo.newBuilder()
            .setSignature(signature)
            .setIsVote(true)
            .setTransaction(Transaction.newBuilder().addSignatures(signature).setMessage(message))
            .setMeta(meta)
            .setIndex(index)
            .build();
    return new GeneratedTransaction(
        info,
        List.of(
            AccountTarget.wallet(validator.identity()),
            new AccountTarget(
                validator.voteAccount(), KeyPool.VOTE_PROGRAM, AccountTarget.Kind.VOTE, null)));
  }
}
