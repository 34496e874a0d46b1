package io.geyserindexer.ingestor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TransactionErrorDescriberTest {

  private static String describe(String hex) {
    return TransactionErrorDescriber.describe(HexFormat.of().parseHex(hex));
  }

  @Test
  void decodesTheCommonCases() {
    assertThat(describe("08000000" + "00" + "19000000" + "01000000"))
        .isEqualTo("InstructionError(0, Custom(1))");
    assertThat(describe("08000000" + "03" + "19000000" + "ffffffff"))
        .isEqualTo("InstructionError(3, Custom(4294967295))");
    assertThat(describe("08000000" + "01" + "01000000"))
        .isEqualTo("InstructionError(1, InvalidArgument)");
    assertThat(describe("01000000")).isEqualTo("AccountLoadedTwice");
    assertThat(describe("07000000")).isEqualTo("BlockhashNotFound");
    assertThat(describe("04000000")).isEqualTo("InsufficientFundsForFee");
    assertThat(describe("1e000000" + "02")).isEqualTo("DuplicateInstruction(2)");
    assertThat(describe("1f000000" + "05"))
        .isEqualTo("InsufficientFundsForRent { account_index: 5 }");
    assertThat(describe("08000000" + "00" + "2c000000" + "0200000000000000" + "6869"))
        .isEqualTo("InstructionError(0, BorshIoError(\"hi\"))");
  }

  @Test
  void unknownOrTruncatedLayoutsGiveEmpty() {
    assertThat(describe("01")).isEmpty();
    assertThat(describe("")).isEmpty();
    assertThat(describe("ff000000")).isEmpty();
    assertThat(describe("08000000" + "00" + "19000000")).isEmpty();
    assertThat(describe("01000000" + "00")).isEmpty();
  }
}
