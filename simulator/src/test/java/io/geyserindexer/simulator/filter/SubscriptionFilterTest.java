package io.geyserindexer.simulator.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.geyserindexer.proto.Base58;
import io.geyserindexer.proto.geyser.CommitmentLevel;
import io.geyserindexer.proto.geyser.SlotStatus;
import io.geyserindexer.proto.geyser.SubscribeRequest;
import io.geyserindexer.proto.geyser.SubscribeRequestAccountsDataSlice;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterAccounts;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterAccountsFilter;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterAccountsFilterLamports;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterAccountsFilterMemcmp;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterSlots;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterTransactions;
import io.geyserindexer.proto.geyser.SubscribeUpdateAccountInfo;
import io.geyserindexer.proto.geyser.SubscribeUpdateSlot;
import io.geyserindexer.proto.geyser.SubscribeUpdateTransactionInfo;
import io.geyserindexer.proto.solana.Message;
import io.geyserindexer.proto.solana.Transaction;
import io.geyserindexer.proto.solana.TransactionError;
import io.geyserindexer.proto.solana.TransactionStatusMeta;
import org.junit.jupiter.api.Test;

class SubscriptionFilterTest {

  private static final ByteString A = key(1);
  private static final ByteString B = key(2);
  private static final ByteString C = key(3);
  private static final ByteString OWNER = key(9);

  @Test
  void accountFiltersOrWithinListsAndAcrossNamesAndAndAcrossKinds() throws FilterException {
    SubscriptionFilter filter =
        compile(
            SubscribeRequest.newBuilder()
                .putAccounts("ab", accounts().addAccount(b58(A)).addAccount(b58(B)).build())
                .putAccounts("owned", accounts().addOwner(b58(OWNER)).build())
                .putAccounts("a-owned", accounts().addAccount(b58(A)).addOwner(b58(OWNER)).build())
                .putAccounts("no-sig", accounts().setNonemptyTxnSignature(false).build()));
    assertThat(filter.accountMatches(account(A, OWNER, true)))
        .containsExactly("ab", "owned", "a-owned");
    assertThat(filter.accountMatches(account(B, C, true))).containsExactly("ab");
    assertThat(filter.accountMatches(account(C, OWNER, false))).containsExactly("owned", "no-sig");
    assertThat(filter.accountMatches(account(C, C, true))).isEmpty();
  }

  @Test
  void emptyAccountFilterMatchesEverythingAndDataFiltersAllApply() throws FilterException {
    SubscriptionFilter filter =
        compile(
            SubscribeRequest.newBuilder()
                .putAccounts("all", accounts().build())
                .putAccounts(
                    "sized-rich",
                    accounts()
                        .addFilters(
                            SubscribeRequestFilterAccountsFilter.newBuilder().setDatasize(4))
                        .addFilters(
                            SubscribeRequestFilterAccountsFilter.newBuilder()
                                .setLamports(
                                    SubscribeRequestFilterAccountsFilterLamports.newBuilder()
                                        .setGt(100)))
                        .addFilters(
                            SubscribeRequestFilterAccountsFilter.newBuilder()
                                .setMemcmp(
                                    SubscribeRequestFilterAccountsFilterMemcmp.newBuilder()
                                        .setOffset(1)
                                        .setBytes(ByteString.copyFrom(new byte[] {2, 3}))))
                        .build()));
    SubscribeUpdateAccountInfo match =
        account(A, OWNER, true).toBuilder()
            .setLamports(-1L)
            .setData(ByteString.copyFrom(new byte[] {1, 2, 3, 4}))
            .build();
    assertThat(filter.accountMatches(match)).containsExactly("all", "sized-rich");
    assertThat(filter.accountMatches(match.toBuilder().setLamports(100).build()))
        .containsExactly("all");
    assertThat(
            filter.accountMatches(
                match.toBuilder().setData(ByteString.copyFrom(new byte[] {1, 2, 4, 4})).build()))
        .containsExactly("all");
  }

  @Test
  void transactionFiltersCombineVoteFailedAndKeysIncludingLoadedOnes() throws FilterException {
    SubscriptionFilter filter =
        compile(
            SubscribeRequest.newBuilder()
                .putTransactions("failed-non-vote", txs().setVote(false).setFailed(true).build())
                .putTransactions("include-c", txs().addAccountInclude(b58(C)).build())
                .putTransactions("exclude-b", txs().addAccountExclude(b58(B)).build())
                .putTransactions(
                    "require-ab",
                    txs().addAccountRequired(b58(A)).addAccountRequired(b58(B)).build())
                .putTransactions("votes", txs().setVote(true).build()));
    // Static keys A, B; C only through a lookup table.
    SubscribeUpdateTransactionInfo failedWithLoadedC = tx(false, true, C);
    assertThat(filter.transactionMatches(failedWithLoadedC))
        .containsExactly("failed-non-vote", "include-c", "require-ab");
    assertThat(filter.transactionMatches(tx(true, false, key(7))))
        .containsExactly("require-ab", "votes");
    assertThat(filter.transactionStatusMatches(failedWithLoadedC)).isEmpty();
  }

  @Test
  void slotFiltersHonourInterslotAndCommitment() throws FilterException {
    SubscriptionFilter filter =
        compile(
            SubscribeRequest.newBuilder()
                .setCommitment(CommitmentLevel.CONFIRMED)
                .putSlots("plain", SubscribeRequestFilterSlots.getDefaultInstance())
                .putSlots(
                    "mine",
                    SubscribeRequestFilterSlots.newBuilder().setFilterByCommitment(true).build())
                .putSlots(
                    "life",
                    SubscribeRequestFilterSlots.newBuilder().setInterslotUpdates(true).build()));
    assertThat(filter.commitment()).isEqualTo(CommitmentLevel.CONFIRMED);
    assertThat(filter.slotMatches(slot(SlotStatus.SLOT_PROCESSED)))
        .containsExactly("plain", "life");
    assertThat(filter.slotMatches(slot(SlotStatus.SLOT_CONFIRMED)))
        .containsExactly("plain", "mine", "life");
    assertThat(filter.slotMatches(slot(SlotStatus.SLOT_DEAD))).containsExactly("life");
    assertThat(filter.slotMatches(slot(SlotStatus.SLOT_FIRST_SHRED_RECEIVED)))
        .containsExactly("life");
  }

  @Test
  void dataSlicesConcatenateAndSkipSlicesPastTheEnd() throws FilterException {
    SubscriptionFilter filter =
        compile(
            SubscribeRequest.newBuilder()
                .addAccountsDataSlice(
                    SubscribeRequestAccountsDataSlice.newBuilder().setOffset(0).setLength(2))
                .addAccountsDataSlice(
                    SubscribeRequestAccountsDataSlice.newBuilder().setOffset(3).setLength(1))
                .addAccountsDataSlice(
                    SubscribeRequestAccountsDataSlice.newBuilder().setOffset(4).setLength(9)));
    SubscribeUpdateAccountInfo account =
        account(A, OWNER, true).toBuilder()
            .setData(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5}))
            .build();
    assertThat(filter.slice(account).getData().toByteArray()).containsExactly(1, 2, 4);
  }

  @Test
  void badRequestsAreRejectedWithUpstreamWording() {
    assertThatThrownBy(
            () ->
                compile(
                    SubscribeRequest.newBuilder()
                        .putAccounts("x", accounts().addAccount("0OIl").build())))
        .isInstanceOf(FilterException.class)
        .hasMessageContaining("invalid base58");
    assertThatThrownBy(
            () ->
                compile(
                    SubscribeRequest.newBuilder()
                        .putSlots(
                            "n".repeat(129), SubscribeRequestFilterSlots.getDefaultInstance())))
        .hasMessage("oversized filter name (max allowed size 128), found 129");
    assertThatThrownBy(() -> compile(SubscribeRequest.newBuilder().setCommitmentValue(7)))
        .hasMessage("failed to create CommitmentLevel from 7");
    assertThatThrownBy(
            () ->
                compile(
                    SubscribeRequest.newBuilder()
                        .addAccountsDataSlice(
                            SubscribeRequestAccountsDataSlice.newBuilder()
                                .setOffset(0)
                                .setLength(4))
                        .addAccountsDataSlice(
                            SubscribeRequestAccountsDataSlice.newBuilder()
                                .setOffset(2)
                                .setLength(1))))
        .hasMessage("data slices overlapped");
    assertThatThrownBy(
            () ->
                compile(
                    SubscribeRequest.newBuilder()
                        .putAccounts(
                            "t",
                            accounts()
                                .addFilters(
                                    SubscribeRequestFilterAccountsFilter.newBuilder()
                                        .setTokenAccountState(false))
                                .build())))
        .hasMessageContaining("token_account_state");
  }

  @Test
  void sessionWithoutRequestMatchesNothing() {
    assertThat(SubscriptionFilter.EMPTY.accountMatches(account(A, OWNER, true))).isEmpty();
    assertThat(SubscriptionFilter.EMPTY.slotMatches(slot(SlotStatus.SLOT_PROCESSED))).isEmpty();
    assertThat(SubscriptionFilter.EMPTY.blockMetaMatches()).isEmpty();
  }

  private static SubscriptionFilter compile(SubscribeRequest.Builder request)
      throws FilterException {
    return SubscriptionFilter.compile(request.build());
  }

  private static SubscribeRequestFilterAccounts.Builder accounts() {
    return SubscribeRequestFilterAccounts.newBuilder();
  }

  private static SubscribeRequestFilterTransactions.Builder txs() {
    return SubscribeRequestFilterTransactions.newBuilder();
  }

  private static SubscribeUpdateAccountInfo account(
      ByteString pubkey, ByteString owner, boolean signed) {
    SubscribeUpdateAccountInfo.Builder info =
        SubscribeUpdateAccountInfo.newBuilder().setPubkey(pubkey).setOwner(owner);
    if (signed) {
      info.setTxnSignature(ByteString.copyFrom(new byte[64]));
    }
    return info.build();
  }

  private static SubscribeUpdateTransactionInfo tx(
      boolean vote, boolean failed, ByteString loaded) {
    TransactionStatusMeta.Builder meta =
        TransactionStatusMeta.newBuilder().addLoadedWritableAddresses(loaded);
    if (failed) {
      meta.setErr(
          TransactionError.newBuilder()
              .setErr(ByteString.copyFrom(new byte[] {8, 0, 0, 0, 0, 25, 0, 0, 0, 1, 0, 0, 0})));
    }
    return SubscribeUpdateTransactionInfo.newBuilder()
        .setIsVote(vote)
        .setSignature(ByteString.copyFrom(new byte[64]))
        .setTransaction(
            Transaction.newBuilder()
                .setMessage(
                    Message.newBuilder().setVersioned(true).addAccountKeys(A).addAccountKeys(B)))
        .setMeta(meta)
        .build();
  }

  private static SubscribeUpdateSlot slot(SlotStatus status) {
    return SubscribeUpdateSlot.newBuilder().setSlot(5).setStatus(status).build();
  }

  private static ByteString key(int seed) {
    byte[] bytes = new byte[32];
    bytes[0] = (byte) seed;
    bytes[31] = (byte) (seed * 7);
    return ByteString.copyFrom(bytes);
  }

  private static String b58(ByteString key) {
    return Base58.encode(key.toByteArray());
  }
}
