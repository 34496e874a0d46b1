package io.geyserindexer.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

  @Test
  void keepsJdbcUrlsAsTheyAre() {
    DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://db:5432/solana?sslmode=require");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/solana?sslmode=require");
    assertThat(url.user()).isNull();
    assertThat(url.password()).isNull();
  }

  @Test
  void splitsCredentialsOutOfTheLibpqForm() {
    DatabaseUrl url =
        DatabaseUrl.parse("postgresql://indexer:p%40ss%3Aword@db.example:6543/solana");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/solana");
    assertThat(url.user()).isEqualTo("indexer");
    assertThat(url.password()).isEqualTo("p@ss:word");
    assertThat(url.toString()).doesNotContain("p@ss");
  }

  @Test
  void acceptsPostgresSchemeWithoutPortOrPassword() {
    DatabaseUrl url = DatabaseUrl.parse("postgres://indexer@db/solana?sslmode=disable");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db/solana?sslmode=disable");
    assertThat(url.user()).isEqualTo("indexer");
    assertThat(url.password()).isNull();
  }

  @Test
  void rejectsOtherFormsWithoutEchoingThePassword() {
    assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:secret@db/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:postgresql://")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> DatabaseUrl.parse(" ")).hasMessageContaining("empty");
  }
}
