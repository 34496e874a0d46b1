package io.geyserindexer.runtime.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL location given either as a JDBC URL ({@code jdbc:postgresql://host:port/db?...}) or
 * in the libpq/Heroku form ({@code postgresql://user:password@host:port/db?...}, also {@code
 * postgres://}). Credentials found in the URL are split out so the JDBC URL can be logged and the
 * password never is.
 *
 * @param jdbcUrl the JDBC URL without credentials in its authority
 * @param user the user from the URL, or null
 * @param password the password from the URL, or null
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

  /**
   * Parses either form.
   *
   * @throws IllegalArgumentException with a message naming the accepted forms
   */
  public static DatabaseUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(
          "database URL is empty; expected jdbc:postgresql://host:port/db or"
              + " postgresql://user:password@host:port/db");
    }
    String trimmed = url.trim();
    if (trimmed.startsWith("jdbc:postgresql:")) {
      return new DatabaseUrl(trimmed, null, null);
    }
    if (!trimmed.startsWith("postgresql://") && !trimmed.startsWith("postgres://")) {
      throw new IllegalArgumentException(
          "database URL '"
              + EffectiveConfig.maskUrlPassword(trimmed)
              + "' is neither jdbc:postgresql://host:port/db nor"
              + " postgresql://user:password@host:port/db");
    }
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "database URL is malformed: " + EffectiveConfig.maskUrlPassword(trimmed), e);
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(
          "database URL has no host: " + EffectiveConfig.maskUrlPassword(trimmed));
    }
    String user = null;
    String password = null;
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
    }
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return new DatabaseUrl(
        "jdbc:postgresql://" + uri.getHost() + port + path + query, user, password);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "DatabaseUrl[" + EffectiveConfig.maskUrlPassword(jdbcUrl) + ", user=" + user + "]";
  }
}
