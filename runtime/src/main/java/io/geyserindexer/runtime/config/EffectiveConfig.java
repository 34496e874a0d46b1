package io.geyserindexer.runtime.config;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Renders a process's effective configuration for the one start-up log line block, one key per
 * line, with every secret masked: values of keys that look secret, and the password part of any URL
 * or JDBC URL, whatever key it sits under.
 */
public final class EffectiveConfig {

  private static final Set<String> SECRET_WORDS =
      Set.of("PASSWORD", "TOKEN", "SECRET", "CREDENTIAL", "JAAS", "KEY_PASSWORD", "SASL");
  private static final Pattern URL_USERINFO = Pattern.compile("(//[^/:@]*:)[^@/]*(@)");
  private static final Pattern URL_PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&;]*");
  public static final String MASK = "******";

  private EffectiveConfig() {}

  /** True when a setting named {@code key} holds a secret and must never be printed. */
  public static boolean isSecret(String key) {
    String upper = key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    return SECRET_WORDS.stream().anyMatch(upper::contains);
  }

  /** The value as it may appear in a log: masked when the key is secret, URL passwords removed. */
  public static String printable(String key, Object value) {
    if (value == null) {
      return "";
    }
    String text = String.valueOf(value);
    if (text.isEmpty()) {
      return text;
    }
    if (isSecret(key)) {
      return MASK;
    }
    return maskUrlPassword(text);
  }

  /** Removes a password from {@code scheme://user:password@host} and {@code ?password=} forms. */
  public static String maskUrlPassword(String text) {
    String masked = URL_USERINFO.matcher(text).replaceAll("$1" + MASK + "$2");
    return URL_PASSWORD_PARAM.matcher(masked).replaceAll("$1" + MASK);
  }

  /** One {@code key = value} line per setting, sorted by key, secrets masked. */
  public static String render(String title, Map<String, ?> settings) {
    StringBuilder out = new StringBuilder(title).append(':');
    new TreeMap<>(settings)
        .forEach(
            (key, value) ->
                out.append(System.lineSeparator())
                    .append("  ")
                    .append(key)
                    .append(" = ")
                    .append(printable(key, value)));
    return out.toString();
  }

  /** Shows only scheme, host and port of an endpoint; never its path query or credentials. */
  public static String endpointForLog(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }
}
