package io.geyserindexer.simulator.filter;

import com.google.protobuf.ByteString;
import io.geyserindexer.proto.Base58;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Decodes the base58 keys of a filter, rejecting bad input the way upstream does. */
final class FilterKeys {

  static final int MAX_FILTER_NAME = 128;

  private FilterKeys() {}

  static Set<ByteString> pubkeys(List<String> values) throws FilterException {
    Set<ByteString> out = new HashSet<>();
    for (String value : values) {
      out.add(decode(value, 32));
    }
    return Set.copyOf(out);
  }

  static ByteString decode(String value, int length) throws FilterException {
    try {
      return ByteString.copyFrom(Base58.decode(value, length));
    } catch (IllegalArgumentException e) {
      throw new FilterException("invalid base58 key " + abbreviate(value) + ": " + e.getMessage());
    }
  }

  static void checkName(String name) throws FilterException {
    if (name.length() > MAX_FILTER_NAME) {
      throw new FilterException(
          "oversized filter name (max allowed size "
              + MAX_FILTER_NAME
              + "), found "
              + name.length());
    }
  }

  private static String abbreviate(String value) {
    return value.length() > 100 ? value.substring(0, 100) + "..." : value;
  }
}
