package io.geyserindexer.simulator.traffic;

import com.google.protobuf.ByteString;
import io.geyserindexer.proto.Base58;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Log lines in the exact wording the Solana runtime writes them. */
final class ProgramLogs {

  /** Memo texts: non-ASCII on purpose (multi-byte UTF-8, emoji outside the BMP). */
  static final List<String> UNICODE_MEMOS =
      List.of(
          "gm \u2600\uFE0F \u4E16\u754C",
          "\u00DCn\u00EFc\u00F6d\u00E9 \u2713 \uD83D\uDE80",
          "привет");

  /** A log with NUL characters, which PostgreSQL text columns reject: a real-world trap. */
  static final String NUL_LOG = "Program log: raw\u0000bytes\u0000";

  private ProgramLogs() {}

  static String invoke(ByteString program, int depth) {
    return "Program " + b58(program) + " invoke [" + depth + "]";
  }

  static String success(ByteString program) {
    return "Program " + b58(program) + " success";
  }

  static String consumed(ByteString program, long units, long limit) {
    return "Program " + b58(program) + " consumed " + units + " of " + limit + " compute units";
  }

  static String instruction(String name) {
    return "Program log: Instruction: " + name;
  }

  static String memo(String text) {
    return "Program log: Memo (len " + text.length() + "): \"" + text + "\"";
  }

  static String failedCustom(ByteString program, int code) {
    return "Program "
        + b58(program)
        + " failed: custom program error: 0x"
        + Integer.toHexString(code);
  }

  static String failedInvalidAccountData(ByteString program) {
    return "Program " + b58(program) + " failed: invalid account data for instruction";
  }

  /** Program ids repeat in every transaction; base58 is quadratic, so encode each once. */
  private static final Map<ByteString, String> NAMES = new ConcurrentHashMap<>();

  private static String b58(ByteString key) {
    return NAMES.computeIfAbsent(key, k -> Base58.encode(k.toByteArray()));
  }
}
