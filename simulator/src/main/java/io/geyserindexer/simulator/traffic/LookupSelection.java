package io.geyserindexer.simulator.traffic;

import com.google.protobuf.ByteString;
import io.geyserindexer.proto.solana.MessageAddressTableLookup;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks address table lookups for a v0 message and resolves them to the loaded writable and
 * read-only addresses, exactly as the runtime would: writable entries of every table first, then
 * read-only ones, each in table order of the lookups. Keys already in the message are skipped.
 */
final class LookupSelection {

  /** The lookups of one message and what they load. */
  record Loaded(
      List<MessageAddressTableLookup> lookups,
      List<ByteString> writable,
      List<ByteString> readonly,
      List<AccountTarget> writableTargets) {

    static final Loaded NONE = new Loaded(List.of(), List.of(), List.of(), List.of());

    int count() {
      return writable.size() + readonly.size();
    }
  }

  private final KeyPool keys;

  LookupSelection(KeyPool keys) {
    this.keys = keys;
  }

  Loaded select(SeededRandom random, KeyList message) {
    KeyList seen = new KeyList();
    message.keys().forEach(seen::add);
    int tables = 1 + random.nextInt(2);
    List<KeyPool.LookupTable> chosen = new ArrayList<>();
    while (chosen.size() < tables) {
      KeyPool.LookupTable table = random.pick(keys.lookupTables());
      if (!chosen.contains(table)) {
        chosen.add(table);
      }
    }
    List<MessageAddressTableLookup> lookups = new ArrayList<>();
    List<ByteString> writable = new ArrayList<>();
    List<ByteString> readonly = new ArrayList<>();
    List<AccountTarget> targets = new ArrayList<>();
    List<byte[]> readonlyIndexes = new ArrayList<>();
    for (KeyPool.LookupTable table : chosen) {
      byte[] w = pickIndexes(random, table, seen, 1 + random.nextInt(3));
      for (byte index : w) {
        ByteString key = table.entries().get(index);
        writable.add(key);
        ByteString hotOwner = keys.hotOwner(key);
        targets.add(
            new AccountTarget(
                key,
                hotOwner != null ? hotOwner : keys.hotPrograms().get(0),
                AccountTarget.Kind.STATE,
                null));
      }
      readonlyIndexes.add(pickIndexes(random, table, seen, random.nextInt(3)));
      lookups.add(
          MessageAddressTableLookup.newBuilder()
              .setAccountKey(table.address())
              .setWritableIndexes(ByteString.copyFrom(w))
              .build());
    }
    // Read-only loaded addresses follow all writable ones in the full key list.
    for (int t = 0; t < chosen.size(); t++) {
      byte[] r = readonlyIndexes.get(t);
      for (byte index : r) {
        readonly.add(chosen.get(t).entries().get(index));
      }
      lookups.set(t, lookups.get(t).toBuilder().setReadonlyIndexes(ByteString.copyFrom(r)).build());
    }
    return new Loaded(List.copyOf(lookups), List.copyOf(writable), List.copyOf(readonly), targets);
  }

  private static byte[] pickIndexes(
      SeededRandom random, KeyPool.LookupTable table, KeyList seen, int count) {
    List<Byte> picked = new ArrayList<>();
    for (int attempt = 0; attempt < count * 4 && picked.size() < count; attempt++) {
      int index = random.nextInt(KeyPool.LOOKUP_TABLE_SIZE);
      if (seen.add(table.entries().get(index))) {
        picked.add((byte) index);
      }
    }
    byte[] out = new byte[picked.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = picked.get(i);
    }
    return out;
  }
}
