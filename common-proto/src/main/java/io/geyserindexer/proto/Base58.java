package io.geyserindexer.proto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Base58 with the Bitcoin alphabet, the text form Solana tools use for pubkeys, signatures and
 * hashes. Leading zero bytes map to leading '1' characters and back, so every byte string
 * round-trips exactly.
 *
 * <p>The conversion is the schoolbook base change, quadratic in the input length; Solana values are
 * 32 or 64 bytes, where that is a few hundred multiply-adds. Digits are produced five at a time
 * (58^5 fits an int) to cut the number of passes over the big number.
 */
public final class Base58 {

  private static final char[] ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
  private static final byte[] ALPHABET_BYTES =
      new String(ALPHABET).getBytes(StandardCharsets.US_ASCII);
  private static final int[] INDEXES = new int[128];
  private static final int FIFTH_POWER = 58 * 58 * 58 * 58 * 58;

  static {
    Arrays.fill(INDEXES, -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      INDEXES[ALPHABET[i]] = i;
    }
  }

  private Base58() {}

  /** Encodes raw bytes; an empty array encodes to an empty string. */
  public static String encode(byte[] input) {
    return new String(encodeAscii(input), StandardCharsets.ISO_8859_1);
  }

  /**
   * Encodes raw bytes to the ASCII bytes of their base58 text, the same characters {@link #encode}
   * returns. A caller that writes the text into a protobuf string field can set these bytes
   * directly and skip the UTF-8 measuring and encoding a {@code String} costs at serialisation.
   */
  public static byte[] encodeAscii(byte[] input) {
    int zeros = 0;
    while (zeros < input.length && input[zeros] == 0) {
      zeros++;
    }
    // Little-endian limbs in base 58^5 (< 2^30). The input is folded in 32 bits at a time: limb *
    // 2^32 + chunk stays below 2^63, so one multiply-add pass takes four bytes, not one.
    int[] limbs = new int[(input.length * 138 / 100) / 5 + 2];
    int used = 0;
    int i = zeros;
    int head = (input.length - zeros) % 4;
    while (i < input.length) {
      int take = head != 0 ? head : 4;
      head = 0;
      long chunk = 0;
      for (int k = 0; k < take; k++) {
        chunk = (chunk << 8) | (input[i++] & 0xFF);
      }
      int shift = take * 8;
      long carry = chunk;
      for (int j = 0; j < used; j++) {
        carry += (long) limbs[j] << shift;
        limbs[j] = (int) (carry % FIFTH_POWER);
        carry /= FIFTH_POWER;
      }
      while (carry != 0) {
        limbs[used++] = (int) (carry % FIFTH_POWER);
        carry /= FIFTH_POWER;
      }
    }
    byte[] out = new byte[zeros + used * 5];
    int end = out.length;
    int pos = end;
    for (int j = 0; j < used; j++) {
      int limb = limbs[j];
      for (int k = 0; k < 5; k++) {
        out[--pos] = ALPHABET_BYTES[limb % 58];
        limb /= 58;
      }
    }
    // The top limb may have produced leading '1's that are padding, not zero bytes.
    while (pos < end && out[pos] == ALPHABET_BYTES[0]) {
      pos++;
    }
    for (int z = 0; z < zeros; z++) {
      out[--pos] = ALPHABET_BYTES[0];
    }
    return pos == 0 ? out : Arrays.copyOfRange(out, pos, end);
  }

  /**
   * Decodes base58 text.
   *
   * @throws IllegalArgumentException naming the first character outside the alphabet
   */
  public static byte[] decode(CharSequence input) {
    int ones = 0;
    while (ones < input.length() && input.charAt(ones) == ALPHABET[0]) {
      ones++;
    }
    byte[] bytes = new byte[input.length()];
    int used = 0;
    for (int i = ones; i < input.length(); i++) {
      char c = input.charAt(i);
      int digit = c < 128 ? INDEXES[c] : -1;
      if (digit < 0) {
        throw new IllegalArgumentException(
            "invalid base58 character '" + c + "' at position " + i + " (Bitcoin alphabet)");
      }
      int carry = digit;
      for (int j = 0; j < used; j++) {
        carry += (bytes[bytes.length - 1 - j] & 0xFF) * 58;
        bytes[bytes.length - 1 - j] = (byte) carry;
        carry >>>= 8;
      }
      while (carry != 0) {
        bytes[bytes.length - 1 - used++] = (byte) carry;
        carry >>>= 8;
      }
    }
    byte[] out = new byte[ones + used];
    System.arraycopy(bytes, bytes.length - used, out, ones, used);
    return out;
  }

  /**
   * Decodes base58 text that must hold exactly {@code expectedLength} bytes (32 for a pubkey, 64
   * for a signature).
   *
   * @throws IllegalArgumentException when the text is not base58 or decodes to another length
   */
  public static byte[] decode(CharSequence input, int expectedLength) {
    byte[] bytes = decode(input);
    if (bytes.length != expectedLength) {
      throw new IllegalArgumentException(
          "base58 value '"
              + input
              + "' decodes to "
              + bytes.length
              + " bytes, expected "
              + expectedLength);
    }
    return bytes;
  }
}
