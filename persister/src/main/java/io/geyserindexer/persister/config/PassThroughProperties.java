package io.geyserindexer.persister.config;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Client properties passed through untouched: from variables {@code <PREFIX><NAME>} (NAME upper
 * case with {@code _} for {@code .}, e.g. {@code KAFKA_CONSUMER_FETCH_MAX_BYTES} is {@code
 * fetch.max.bytes}) and from repeated {@code --flag key=value} options, the flags winning.
 */
final class PassThroughProperties {

  private PassThroughProperties() {}

  static Map<String, String> collect(
      String envPrefix, Map<String, String> environment, Map<String, String> flags) {
    Map<String, String> out = new TreeMap<>();
    environment.forEach(
        (name, value) -> {
          if (name.startsWith(envPrefix) && name.length() > envPrefix.length()) {
            String key =
                name.substring(envPrefix.length()).toLowerCase(Locale.ROOT).replace('_', '.');
            out.put(key, value);
          }
        });
    if (flags != null) {
      out.putAll(flags);
    }
    return out;
  }
}
