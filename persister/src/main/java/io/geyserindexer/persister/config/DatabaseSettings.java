package io.geyserindexer.persister.config;

/**
 * Where rows go.
 *
 * @param jdbcUrl JDBC URL without credentials in its authority
 * @param user database user
 * @param password database password, or null
 * @param poolSize pooled connections (one per consumer thread is enough)
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, int poolSize) {

  @Override
  public String toString() {
    return "DatabaseSettings["
        + io.geyserindexer.runtime.config.EffectiveConfig.maskUrlPassword(jdbcUrl)
        + ", user="
        + user
        + ", poolSize="
        + poolSize
        + "]";
  }
}
