package io.geyserindexer.ingestor.config;

import io.geyserindexer.proto.Base58;
import io.geyserindexer.proto.geyser.CommitmentLevel;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses setting values from text, each failure naming the setting: durations ({@code 500ms},
 * {@code 30s}, {@code 5m}, or ISO-8601 {@code PT30S}), booleans, comma lists, base58 pubkeys and
 * commitment levels.
 */
public final class SettingText {

  private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  private SettingText() {}

  public static Duration duration(String setting, String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = SIMPLE_DURATION.matcher(value);
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      }
      return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          setting + " must be a duration like 500ms, 30s, 5m or PT30S, was '" + text + "'");
    }
  }

  public static boolean bool(String setting, String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    if (value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new IllegalArgumentException(setting + " must be true or false, was '" + text + "'");
  }

  /** A comma list, blanks removed; null or blank gives an empty list. */
  public static List<String> list(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** Checks that every entry is a base58 pubkey (32 bytes). */
  public static List<String> pubkeys(String setting, List<String> keys) {
    for (String key : keys) {
      try {
        Base58.decode(key, 32);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            setting + " holds '" + key + "', not a base58 pubkey: " + e.getMessage());
      }
    }
    return keys;
  }

  public static CommitmentLevel commitment(String setting, String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "processed" -> CommitmentLevel.PROCESSED;
      case "confirmed" -> CommitmentLevel.CONFIRMED;
      case "finalized" -> CommitmentLevel.FINALIZED;
      default ->
          throw new IllegalArgumentException(
              setting + " must be processed, confirmed or finalized, was '" + text + "'");
    };
  }
}
