package io.geyserindexer.simulator.traffic;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An ordered list of distinct account keys: Solana forbids a key twice in one message. */
final class KeyList {

  private final List<ByteString> keys = new ArrayList<>();
  private final Map<ByteString, Integer> positions = new HashMap<>();

  /** Appends the key unless present; returns whether it was added. */
  boolean add(ByteString key) {
    if (positions.containsKey(key)) {
      return false;
    }
    positions.put(key, keys.size());
    keys.add(key);
    return true;
  }

  boolean contains(ByteString key) {
    return positions.containsKey(key);
  }

  int indexOf(ByteString key) {
    Integer index = positions.get(key);
    if (index == null) {
      throw new IllegalStateException("key not in message");
    }
    return index;
  }

  ByteString get(int index) {
    return keys.get(index);
  }

  int size() {
    return keys.size();
  }

  List<ByteString> keys() {
    return List.copyOf(keys);
  }
}
