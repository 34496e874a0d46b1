package io.geyserindexer.proto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Base58 with the Bitcoin alphabet, the text form Solana tools use for pubkeys, signatures and
 * hashes. Leading zero bytes map to leading '1' characters and back, so every byte string
 * round-trips exactly.
 *
 * <p>The conversion is the schoolbook base change, quadratic in the input length; Solana values are
 * 32 or 64 bytes, where that is a few hundred multiply-adds. Digits are produced five at a time
 * (58^5 fits an int) to cut the number of passes over the big number, and values up to 64 bytes
 * multiply by precomputed place values instead of dividing once per limb and pass.
 */
public final class Base58 {

  private static final char[] ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
  private static final byte[] ALPHABET_BYTES =
      new String(ALPHABET).getBytes(StandardCharsets.US_ASCII);
  private static final int[] INDEXES = new int[128];
  private static final int FIFTH_POWER = 58 * 58 * 58 * 58 * 58;

  private static final int PAIR = 58 * 58;

  /** PAIRS[2n], PAIRS[2n + 1]: the two digits of n < 58^2, most significant first. */
  private static final byte[] PAIRS = new byte[2 * PAIR];

  static {
    for (int n = 0; n < PAIR; n++) {
      PAIRS[2 * n] = (byte) ALPHABET[n / 58];
      PAIRS[2 * n + 1] = (byte) ALPHABET[n % 58];
    }
  }

  /** Longest value (after leading zero bytes) encoded through {@link #PLACE_VALUES}. */
  private static final int TABLE_MAX_BYTES = 64;

  /** Base 58^5 limbs of any value below 2^512: 512 / log2(58^5) = 17.5. */
  private static final int TABLE_LIMBS = 18;

  /** PLACE_VALUES[k]: the base 58^5 digits (little-endian) of 2^(24k), for 24-bit input limbs. */
  private static final int[][] PLACE_VALUES = new int[(TABLE_MAX_BYTES + 2) / 3][];

  static {
    BigInteger base = BigInteger.valueOf(FIFTH_POWER);
    for (int k = 0; k < PLACE_VALUES.length; k++) {
      List<Integer> digits = new ArrayList<>();
      for (BigInteger v = BigInteger.ONE.shiftLeft(24 * k); v.signum() > 0; v = v.divide(base)) {
        digits.add(v.mod(base).intValue());
      }
      PLACE_VALUES[k] = digits.stream().mapToInt(Integer::intValue).toArray();
    }
  }

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

  /** The ASCII bytes of the base58 text of {@code input}. */
  private static byte[] encodeAscii(byte[] input) {
    int zeros = 0;
    while (zeros < input.length && input[zeros] == 0) {
      zeros++;
    }
    int[] limbs;
    int used;
    if (input.length - zeros <= TABLE_MAX_BYTES) {
      limbs = new int[TABLE_LIMBS];
      used = toLimbsByTable(input, zeros, limbs);
    } else {
      limbs = new int[(input.length * 138 / 100) / 5 + 2];
      used = toLimbsByDivision(input, zeros, limbs);
    }
    byte[] out = new byte[zeros + used * 5];
    int end = out.length;
    int pos = end;
    for (int j = 0; j < used; j++) {
      // Five digits per limb, two at a time from a table of digit pairs: 4 divisions, not 10.
      int limb = limbs[j];
      int pair = 2 * (limb % PAIR);
      limb /= PAIR;
      out[--pos] = PAIRS[pair + 1];
      out[--pos] = PAIRS[pair];
      pair = 2 * (limb % PAIR);
      limb /= PAIR;
      out[--pos] = PAIRS[pair + 1];
      out[--pos] = PAIRS[pair];
      out[--pos] = ALPHABET_BYTES[limb];
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
   * Values up to 64 bytes (every Solana key, hash and signature): the input's 24-bit limbs times
   * the precomputed base 58^5 digits of their place values, summed with no division, then one carry
   * pass. A product is below 2^54 and a digit sums at most 22 of them, so nothing overflows a long.
   * About twice as fast for 64 bytes as folding the input in with a division per limb and pass.
   *
   * @return how many limbs are used (little-endian, base 58^5)
   */
  private static int toLimbsByTable(byte[] input, int zeros, int[] limbs) {
    long[] sums = new long[TABLE_LIMBS];
    int place = 0;
    for (int end = input.length; end > zeros; end -= 3, place++) {
      int limb = 0;
      for (int b = Math.max(zeros, end - 3); b < end; b++) {
        limb = (limb << 8) | (input[b] & 0xFF);
      }
      int[] power = PLACE_VALUES[place];
      for (int j = 0; j < power.length; j++) {
        sums[j] += (long) limb * power[j];
      }
    }
    long carry = 0;
    int used = 0;
    for (int j = 0; j < TABLE_LIMBS; j++) {
      long value = sums[j] + carry;
      limbs[j] = (int) (value % FIFTH_POWER);
      carry = value / FIFTH_POWER;
      if (limbs[j] != 0) {
        used = j + 1;
      }
    }
    return used;
  }

  /**
   * Any length: limbs in base 58^5 (< 2^30), the input folded in 32 bits at a time: limb * 2^32 +
   * chunk stays below 2^63, so one multiply-add pass takes four bytes, not one.
   *
   * @return how many limbs are used (little-endian, base 58^5)
   */
  private static int toLimbsByDivision(byte[] input, int zeros, int[] limbs) {
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
    return used;
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
