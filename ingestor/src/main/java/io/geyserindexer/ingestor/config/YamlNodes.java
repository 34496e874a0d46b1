package io.geyserindexer.ingestor.config;

import java.util.List;
import java.util.Map;

/** Typed reads of parsed YAML nodes, each failure naming the node's path inside the file. */
final class YamlNodes {

  private YamlNodes() {}

  static List<String> keys(Map<String, Object> f, String key, String path) {
    List<String> keys = list(f.get(key), path + "." + key).stream().map(String::valueOf).toList();
    return SettingText.pubkeys(path + "." + key, keys);
  }

  static boolean bool(Map<String, Object> f, String key, String path) {
    return SettingText.bool(path + "." + key, String.valueOf(f.get(key)));
  }

  static long number(Object value, String path) {
    if (value == null) {
      throw new IllegalArgumentException(path + " is required");
    }
    try {
      return Long.parseUnsignedLong(String.valueOf(value).replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          path + " must be a non-negative integer, was '" + value + "'");
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value, String path) {
    if (value instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new IllegalArgumentException(path + " must be a map");
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value, String path) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> l) {
      return (List<Object>) l;
    }
    throw new IllegalArgumentException(path + " must be a list");
  }
}
