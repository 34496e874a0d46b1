package io.geyserindexer.simulator.traffic;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.geyserindexer.proto.Base58;
import io.geyserindexer.proto.geyser.SubscribeUpdateAccount;
import io.geyserindexer.proto.geyser.SubscribeUpdateAccountInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A slot's account writes. Most are caused by one of the slot's transactions (txn_signature set,
 * the account is one the transaction wrote); about one in ten has no transaction (sysvars, vote
 * reward credits). Hot accounts are preferred so that several writes hit one account per slot.
 *
 * <p>Invariant: writes are ordered as the validator emits them (sysvars first, then by transaction
 * index) and write_version = slot * 2^20 + position, so it increases along the stream and across
 * slots.
 */
final class AccountUpdateFactory {

  static final ByteString SYSVAR_OWNER = key("Sysvar1111111111111111111111111111111111111");
  private static final long RENT_EXEMPT_MAX_EPOCH = -1L; // u64::MAX on the wire
  private static final int VOTE_ACCOUNT_SIZE = 3762;
  private static final int VOTE_STATE_BYTES = 128;

  /**
   * Vote account data is 128 random bytes and zeros up to 3762. Every write shares this one zero
   * tail (the data is a rope of two parts): the same bytes on the wire, but a slot's writes take a
   * few hundred kilobytes of heap instead of megabytes, which decides how many slots the replay
   * window can hold and how much the garbage collector copies.
   */
  private static final ByteString VOTE_ACCOUNT_ZERO_TAIL =
      ByteString.copyFrom(new byte[VOTE_ACCOUNT_SIZE - VOTE_STATE_BYTES]);

  private static final int TOKEN_ACCOUNT_SIZE = 165;

  private final KeyPool keys;

  AccountUpdateFactory(KeyPool keys) {
    this.keys = keys;
  }

  List<SubscribeUpdateAccount> create(
      SeededRandom random, long slot, List<GeneratedTransaction> transactions, int count) {
    record Pending(int txIndex, AccountTarget target, ByteString signature) {}
    List<Pending> pending = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (transactions.isEmpty() || random.chance(0.1)) {
        pending.add(new Pending(-1, sigless(random, i), null));
        continue;
      }
      int txIndex = random.nextInt(transactions.size());
      GeneratedTransaction tx = transactions.get(txIndex);
      pending.add(new Pending(txIndex, pickTarget(random, tx.written()), tx.info().getSignature()));
    }
    pending.sort(Comparator.comparingInt(Pending::txIndex)); // stable: keeps draw order per tx
    List<SubscribeUpdateAccount> out = new ArrayList<>(pending.size());
    for (int n = 0; n < pending.size(); n++) {
      Pending p = pending.get(n);
      SubscribeUpdateAccountInfo.Builder info = state(random, p.target());
      info.setWriteVersion((slot << 20) | n);
      if (p.signature() != null) {
        info.setTxnSignature(p.signature());
      }
      out.add(SubscribeUpdateAccount.newBuilder().setAccount(info).setSlot(slot).build());
    }
    return out;
  }

  private AccountTarget pickTarget(SeededRandom random, List<AccountTarget> written) {
    if (random.chance(0.5)) {
      for (AccountTarget target : written) {
        if (keys.hotOwner(target.pubkey()) != null) {
          return target;
        }
      }
    }
    return random.pick(written);
  }

  private AccountTarget sigless(SeededRandom random, int position) {
    if (position == 0) {
      return new AccountTarget(KeyPool.CLOCK_SYSVAR, SYSVAR_OWNER, AccountTarget.Kind.STATE, null);
    }
    if (position == 1) {
      return new AccountTarget(
          KeyPool.SLOT_HASHES_SYSVAR, SYSVAR_OWNER, AccountTarget.Kind.STATE, null);
    }
    ByteString vote = random.pick(keys.validators()).voteAccount();
    return new AccountTarget(vote, KeyPool.VOTE_PROGRAM, AccountTarget.Kind.VOTE, null);
  }

  private SubscribeUpdateAccountInfo.Builder state(SeededRandom random, AccountTarget target) {
    SubscribeUpdateAccountInfo.Builder info =
        SubscribeUpdateAccountInfo.newBuilder()
            .setPubkey(target.pubkey())
            .setOwner(target.owner())
            .setExecutable(false)
            .setRentEpoch(RENT_EXEMPT_MAX_EPOCH);
    switch (target.kind()) {
      case WALLET -> info.setLamports(random.nextLong(890_880, 1_000_000_000_000L));
      case CLOSED -> info.setLamports(0).setRentEpoch(0);
      case VOTE -> {
        ByteString state = random.bytes(VOTE_STATE_BYTES);
        info.setLamports(random.nextLong(1_000_000_000L, 50_000_000_000_000L))
            .setData(state.concat(VOTE_ACCOUNT_ZERO_TAIL));
      }
      case TOKEN -> info.setLamports(2_039_280).setData(tokenAccount(random, target.mint()));
      case STATE -> {
        // A fixed size per account, as real program accounts keep their allocation.
        int size = (int) Math.floorMod(SeededRandom.mix(target.pubkey().hashCode()), 1024L);
        info.setLamports(random.nextLong(1_000_000, 10_000_000_000L)).setData(random.bytes(size));
      }
    }
    return info;
  }

  /** SPL token account layout: mint, owner, amount (u64 LE), ..., state = initialized. */
  private static ByteString tokenAccount(SeededRandom random, ByteString mint) {
    byte[] data = new byte[TOKEN_ACCOUNT_SIZE];
    mint.copyTo(data, 0);
    random.fill(data, 32, 32); // the owner: a fresh pubkey
    ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putLong(64, random.nextLong());
    data[108] = 1;
    return UnsafeByteOperations.unsafeWrap(data);
  }

  private static ByteString key(String base58) {
    return ByteString.copyFrom(Base58.decode(base58, 32));
  }
}
