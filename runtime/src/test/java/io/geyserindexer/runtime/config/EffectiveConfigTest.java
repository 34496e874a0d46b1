package io.geyserindexer.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EffectiveConfigTest {

  @Test
  void masksSecretKeysAndUrlPasswords() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("GEYSER_X_TOKEN", "tok-123");
    settings.put("DATABASE_PASSWORD", "hunter2");
    settings.put("DATABASE_URL", "postgresql://indexer:hunter2@db:5432/solana");
    settings.put("JDBC", "jdbc:postgresql://db/solana?user=x&password=hunter2&ssl=true");
    settings.put("kafka.sasl.jaas.config", "... password=\"hunter2\";");
    settings.put("TOPIC_PREFIX", "solana");

    String rendered = EffectiveConfig.render("ingestor configuration", settings);

    assertThat(rendered).doesNotContain("hunter2").doesNotContain("tok-123");
    assertThat(rendered)
        .contains("GEYSER_X_TOKEN = ******")
        .contains("DATABASE_URL = postgresql://indexer:******@db:5432/solana")
        .contains("password=******&ssl=true")
        .contains("TOPIC_PREFIX = solana");
  }

  @Test
  void emptySecretsStayVisiblyEmpty() {
    assertThat(EffectiveConfig.printable("GEYSER_X_TOKEN", "")).isEmpty();
    assertThat(EffectiveConfig.printable("GEYSER_X_TOKEN", null)).isEmpty();
  }
}
