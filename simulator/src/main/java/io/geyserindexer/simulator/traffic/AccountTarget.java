package io.geyserindexer.simulator.traffic;

import com.google.protobuf.ByteString;

/**
 * An account a transaction wrote, with what its post-write state looks like, so the account update
 * generated for it agrees with the transaction (owner, token layout, closed accounts).
 */
record AccountTarget(ByteString pubkey, ByteString owner, Kind kind, ByteString mint) {

  enum Kind {
    /** A wallet owned by the System program: no data. */
    WALLET,
    /** A vote account: owned by the Vote program, 3762 bytes. */
    VOTE,
    /** An SPL token account: 165 bytes in the token layout. */
    TOKEN,
    /** A token account closed by the transaction: zero lamports, no data, System-owned. */
    CLOSED,
    /** Program state: random data owned by a hot program. */
    STATE
  }

  static AccountTarget wallet(ByteString pubkey) {
    return new AccountTarget(pubkey, KeyPool.SYSTEM_PROGRAM, Kind.WALLET, null);
  }
}
