package io.geyserindexer.simulator.traffic;

import com.google.protobuf.ByteString;
import io.geyserindexer.proto.Base58;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stable keys of one seed: well-known Solana programs, "hot" accounts written by many
 * transactions (so account filters have something to match), hot programs, token mints, validators
 * and address lookup tables. Everything else in the traffic is fresh random keys.
 */
public final class KeyPool {

  public static final ByteString SYSTEM_PROGRAM = key("11111111111111111111111111111111");
  public static final ByteString VOTE_PROGRAM = key("Vote111111111111111111111111111111111111111");
  public static final ByteString TOKEN_PROGRAM = key("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");
  public static final ByteString COMPUTE_BUDGET_PROGRAM =
      key("ComputeBudget111111111111111111111111111111");
  public static final ByteString MEMO_PROGRAM = key("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr");
  public static final ByteString CLOCK_SYSVAR = key("SysvarC1ock11111111111111111111111111111111");
  public static final ByteString SLOT_HASHES_SYSVAR =
      key("SysvarS1otHashes111111111111111111111111111");

  /** Entries per address lookup table. */
  static final int LOOKUP_TABLE_SIZE = 64;

  private static final int LOOKUP_TABLES = 8;
  private static final int MINTS = 8;

  private final List<ByteString> hotAccounts;
  private final Map<ByteString, ByteString> hotAccountOwners;
  private final List<ByteString> hotPrograms;
  private final List<ByteString> mints;
  private final List<Validator> validators;
  private final List<LookupTable> lookupTables;

  /** One validator: the identity that signs and pays for votes, and its vote account. */
  public record Validator(ByteString identity, ByteString voteAccount) {}

  /** An address lookup table and the keys it resolves, by index. */
  public record LookupTable(ByteString address, List<ByteString> entries) {}

  public KeyPool(TrafficConfig config) {
    SeededRandom random = new SeededRandom(config.seed(), -1, 0x4B45595300L);
    List<ByteString> programs = new ArrayList<>();
    for (int i = 0; i < config.hotPrograms(); i++) {
      programs.add(random.pubkey());
    }
    this.hotPrograms = List.copyOf(programs);
    List<ByteString> accounts = new ArrayList<>();
    Map<ByteString, ByteString> owners = new java.util.HashMap<>();
    for (int i = 0; i < config.hotAccounts(); i++) {
      ByteString account = random.pubkey();
      accounts.add(account);
      owners.put(account, hotPrograms.get(i % hotPrograms.size()));
    }
    this.hotAccounts = List.copyOf(accounts);
    this.hotAccountOwners = Map.copyOf(owners);
    List<ByteString> mintKeys = new ArrayList<>();
    for (int i = 0; i < MINTS; i++) {
      mintKeys.add(random.pubkey());
    }
    this.mints = List.copyOf(mintKeys);
    List<Validator> pool = new ArrayList<>();
    for (int i = 0; i < config.validators(); i++) {
      pool.add(new Validator(random.pubkey(), random.pubkey()));
    }
    this.validators = List.copyOf(pool);
    List<LookupTable> tables = new ArrayList<>();
    for (int t = 0; t < LOOKUP_TABLES; t++) {
      List<ByteString> entries = new ArrayList<>();
      for (int i = 0; i < LOOKUP_TABLE_SIZE; i++) {
        // A quarter of table entries are hot accounts, so account filters match loaded keys too.
        entries.add(i % 4 == 0 ? random.pick(hotAccounts) : random.pubkey());
      }
      tables.add(new LookupTable(random.pubkey(), List.copyOf(entries)));
    }
    this.lookupTables = List.copyOf(tables);
  }

  public List<ByteString> hotAccounts() {
    return hotAccounts;
  }

  public List<ByteString> hotPrograms() {
    return hotPrograms;
  }

  public List<ByteString> mints() {
    return mints;
  }

  public List<Validator> validators() {
    return validators;
  }

  public List<LookupTable> lookupTables() {
    return lookupTables;
  }

  /** The program owning a hot account, or null for keys outside the hot pool. */
  ByteString hotOwner(ByteString account) {
    return hotAccountOwners.get(account);
  }

  /** Decimals of a mint in the pool; fixed per mint so token amounts stay consistent. */
  int decimals(ByteString mint) {
    int index = mints.indexOf(mint);
    return new int[] {6, 9, 0, 5, 8, 6, 9, 2}[Math.max(0, index) % 8];
  }

  private static ByteString key(String base58) {
    return ByteString.copyFrom(Base58.decode(base58, 32));
  }
}
