package io.geyserindexer.simulator.traffic;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * A seeded random source with the few draws the traffic model needs. Each (seed, slot, purpose)
 * gets its own independent stream, so adding a draw to one purpose never shifts another's values.
 */
final class SeededRandom {

  private static final VarHandle LITTLE_ENDIAN_LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final SplittableRandom random;

  SeededRandom(long seed, long slot, long purpose) {
    this.random = new SplittableRandom(mix(mix(seed ^ 0x9E3779B97F4A7C15L) + slot * 31 + purpose));
  }

  /** Stafford variant 13 of the SplitMix64 finalizer: a cheap, well-spread 64-bit hash. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /** Uniform in [origin, bound). */
  long nextLong(long origin, long bound) {
    return random.nextLong(origin, bound);
  }

  long nextLong() {
    return random.nextLong();
  }

  boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  /**
   * {@code length} random bytes: each draw of 64 bits fills the next 8 bytes, least significant
   * byte first (the last draw only partly). The array is wrapped without a copy; nothing else keeps
   * a reference to it.
   */
  ByteString bytes(int length) {
    byte[] out = new byte[length];
    fill(out, 0, length);
    return UnsafeByteOperations.unsafeWrap(out);
  }

  /**
   * Writes into {@code out[offset, offset + length)} the bytes {@link #bytes(int)} would return,
   * drawing as many values.
   */
  void fill(byte[] out, int offset, int length) {
    int end = offset + length;
    int whole = offset + (length & ~7);
    for (int i = offset; i < whole; i += 8) {
      LITTLE_ENDIAN_LONGS.set(out, i, random.nextLong());
    }
    if (whole < end) {
      long value = random.nextLong();
      for (int j = whole; j < end; j++) {
        out[j] = (byte) value;
        value >>>= 8;
      }
    }
  }

  ByteString pubkey() {
    return bytes(32);
  }

  ByteString signature() {
    return bytes(64);
  }

  <T> T pick(java.util.List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
