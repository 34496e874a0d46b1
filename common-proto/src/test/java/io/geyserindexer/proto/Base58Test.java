package io.geyserindexer.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Base58Test {

  // Vectors from the Bitcoin Core base58 test suite, plus Solana's well-known addresses.
  @ParameterizedTest
  @CsvSource({
    "'', ''",
    "61, 2g",
    "626262, a3gV",
    "636363, aPEr",
    "73696d706c792061206c6f6e6720737472696e67, 2cFupjhnEsSn59qHXstmK2ffpLv2",
    "00eb15231dfceb60925886b67d065299925915aeb172c06647, 1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L",
    "516b6fcd0f, ABnLTmg",
    "bf4f89001e670274dd, 3SEo3LWLoPntC",
    "572e4794, 3EFU7m",
    "ecac89cad93923c02321, EJDM8drfXA6uyA",
    "10c8511e, Rt5zm",
    "00000000000000000000, 1111111111",
    "000111d38e5fc9071ffcd20b4a763cc9ae4f252bb4e48fd66a835e252ada93ff480d6dd43dc62a641155a5,"
        + " 123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz",
    "0000000000000000000000000000000000000000000000000000000000000000,"
        + " 11111111111111111111111111111111",
    "06ddf6e1d765a193d9cbe146ceeb79ac1cb485ed5f5b37913a8cf5857eff00a9,"
        + " TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA",
  })
  void matchesKnownVectors(String hex, String base58) {
    byte[] bytes = HexFormat.of().parseHex(hex);
    assertThat(Base58.encode(bytes)).isEqualTo(base58);
    assertThat(Base58.decode(base58)).isEqualTo(bytes);
  }

  @Test
  void roundTripsRandomValuesOfEveryLengthIncludingLeadingZeros() {
    Random random = new Random(42);
    for (int length = 0; length <= 96; length++) {
      for (int round = 0; round < 20; round++) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        int zeros = Math.min(length, random.nextInt(4));
        for (int i = 0; i < zeros; i++) {
          bytes[i] = 0;
        }
        String text = Base58.encode(bytes);
        assertThat(Base58.decode(text)).as("length %d: %s", length, text).isEqualTo(bytes);
      }
    }
  }

  @Test
  void allOnesByteStringsEncodeWithoutLeadingPadding() {
    byte[] max = new byte[64];
    java.util.Arrays.fill(max, (byte) 0xFF);
    String text = Base58.encode(max);
    assertThat(text).doesNotStartWith("1");
    assertThat(Base58.decode(text)).isEqualTo(max);
  }

  @Test
  void rejectsCharactersOutsideTheAlphabetWithTheirPosition() {
    assertThatThrownBy(() -> Base58.decode("abc0def"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'0'")
        .hasMessageContaining("position 3");
    assertThatThrownBy(() -> Base58.decode("Il")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Base58.decode("é")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void checksTheDecodedLengthWhenAsked() {
    assertThat(Base58.decode("11111111111111111111111111111111", 32)).hasSize(32);
    assertThatThrownBy(() -> Base58.decode("2g", 32))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected 32");
  }
}
