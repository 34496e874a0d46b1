package io.geyserindexer.persister.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NulEscapeTest {

  @Test
  void textWithoutNulOrEscapeIsUnchanged() {
    String text = "Program log: ok \\ \" 日本";
    assertThat(NulEscape.encode(text)).isSameAs(text);
  }

  @Test
  void nulAndEscapeCharacterAreEncodedWithoutNul() {
    assertThat(NulEscape.encode("a\0b")).isEqualTo("a\u24000b");
    assertThat(NulEscape.encode("\u2400")).isEqualTo("\u2400\u2400");
    assertThat(NulEscape.encode("\u24000")).isEqualTo("\u2400\u24000");
    assertThat(NulEscape.encode("\0\0")).doesNotContain("\0");
  }

  @Test
  void decodeInvertsEncodeForArbitraryText() {
    Random random = new Random(7);
    char[] alphabet = {'\0', '\u2400', '0', 'a', '\\', '"'};
    for (int round = 0; round < 10_000; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(8); i > 0; i--) {
        text.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String original = text.toString();
      String stored = NulEscape.encode(original);
      assertThat(stored).doesNotContain("\0");
      assertThat(NulEscape.decode(stored)).isEqualTo(original);
    }
  }

  @Test
  void decodeRejectsADanglingEscape() {
    assertThatThrownBy(() -> NulEscape.decode("x\u2400"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
