package io.geyserindexer.persister.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlLiteralsTest {

  @Test
  void textArrayQuotesEveryElement() {
    assertThat(SqlLiterals.textArray(List.of("a", "b\"c", "d\\e", "", "NULL", "x\0y")))
        .isEqualTo("{\"a\",\"b\\\"c\",\"d\\\\e\",\"\",\"NULL\",\"x\u24000y\"}");
    assertThat(SqlLiterals.textArray(List.of())).isEqualTo("{}");
  }

  @Test
  void textArrayKeepsNonLatinTextAndSingleElements() {
    assertThat(SqlLiterals.textArray(List.of("Program log: \u2192 ok \u00e9")))
        .isEqualTo("{\"Program log: \u2192 ok \u00e9\"}");
    assertThat(SqlLiterals.textArray(List.of("\u2400", "\\")))
        .isEqualTo("{\"\u2400\u2400\",\"\\\\\"}");
  }

  @Test
  void unsignedArrayPrintsU64Exactly() {
    assertThat(SqlLiterals.unsignedArray(List.of(0L, -1L, Long.MIN_VALUE)))
        .isEqualTo("{0,18446744073709551615,9223372036854775808}");
  }

  @Test
  void jsonStringEscapesControlCharactersAfterNulEscape() {
    assertThat(SqlLiterals.jsonString(new StringBuilder(), "a\"\n\0").toString())
        .isEqualTo("\"a\\\"\\u000a\u24000\"");
  }
}
