package io.geyserindexer.simulator.traffic;

import com.google.protobuf.ByteString;
import io.geyserindexer.proto.Base58;
import io.geyserindexer.proto.solana.TokenBalance;
import io.geyserindexer.proto.solana.UiTokenAmount;
import java.math.BigDecimal;
import java.util.List;

/**
 * SPL token balance pairs for one token account: both sides present, or the account created (no pre
 * balance) or closed (no post balance) by the transaction; amounts span the whole u64 range, values
 * of 2^63 and above included (they read as negative longs in Java).
 */
final class TokenBalanceFactory {

  private static final String TOKEN_PROGRAM = Base58.encode(KeyPool.TOKEN_PROGRAM.toByteArray());

  /** The balances of one token account; pre or post is null when the side is missing. */
  record Change(TokenBalance pre, TokenBalance post, boolean closed) {}

  private final KeyPool keys;

  TokenBalanceFactory(KeyPool keys) {
    this.keys = keys;
  }

  Change create(SeededRandom random, int accountIndex, ByteString mint, boolean failed) {
    String owner = Base58.encode(random.pubkey().toByteArray());
    int decimals = keys.decimals(mint);
    long preAmount = amount(random);
    long postAmount = amount(random);
    int shape = random.nextInt(100);
    if (failed) {
      // A failed transaction moves no tokens: both sides equal.
      TokenBalance same = balance(accountIndex, mint, owner, decimals, preAmount);
      return new Change(same, same, false);
    }
    if (shape < 15) {
      return new Change(null, balance(accountIndex, mint, owner, decimals, postAmount), false);
    }
    if (shape < 25) {
      return new Change(balance(accountIndex, mint, owner, decimals, 0), null, true);
    }
    return new Change(
        balance(accountIndex, mint, owner, decimals, preAmount),
        balance(accountIndex, mint, owner, decimals, postAmount),
        false);
  }

  /** A u64 amount: one in ten at or above 2^63 (memecoin supplies), the rest below 10^12. */
  private static long amount(SeededRandom random) {
    if (random.chance(0.1)) {
      return random.nextLong() | Long.MIN_VALUE;
    }
    return random.chance(0.1) ? 0 : random.nextLong(1, 1_000_000_000_000L);
  }

  static TokenBalance balance(int index, ByteString mint, String owner, int decimals, long amount) {
    String raw = Long.toUnsignedString(amount);
    BigDecimal ui = new BigDecimal(raw).movePointLeft(decimals);
    return TokenBalance.newBuilder()
        .setAccountIndex(index)
        .setMint(Base58.encode(mint.toByteArray()))
        .setOwner(owner)
        .setProgramId(TOKEN_PROGRAM)
        .setUiTokenAmount(
            UiTokenAmount.newBuilder()
                .setAmount(raw)
                .setDecimals(decimals)
                .setUiAmount(ui.doubleValue())
                .setUiAmountString(
                    ui.signum() == 0 ? "0" : ui.stripTrailingZeros().toPlainString()))
        .build();
  }

  static List<TokenBalance> present(List<Change> changes, boolean pre) {
    return changes.stream().map(c -> pre ? c.pre() : c.post()).filter(b -> b != null).toList();
  }
}
