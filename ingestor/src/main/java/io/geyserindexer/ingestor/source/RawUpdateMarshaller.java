package io.geyserindexer.ingestor.source;

import io.geyserindexer.proto.geyser.GeyserGrpc;
import io.geyserindexer.proto.geyser.SubscribeRequest;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Receives stream updates as raw bytes. Decoding them ourselves turns an undecodable update into
 * one counted, skipped message; left to grpc-java it would fail the whole call.
 */
final class RawUpdateMarshaller implements MethodDescriptor.Marshaller<byte[]> {

  static final MethodDescriptor<SubscribeRequest, byte[]> SUBSCRIBE =
      GeyserGrpc.getSubscribeMethod().toBuilder(
              GeyserGrpc.getSubscribeMethod().getRequestMarshaller(), new RawUpdateMarshaller())
          .build();

  @Override
  public InputStream stream(byte[] value) {
    return new ByteArrayInputStream(value);
  }

  /**
   * grpc-java hands over a stream that knows its length: reading exactly that many bytes into one
   * array avoids readAllBytes' 8 KiB scratch buffer and extra copy per message, which at hundreds
   * of thousands of small updates a second was a visible share of the reader's CPU.
   */
  @Override
  public byte[] parse(InputStream stream) {
    try (stream) {
      if (stream instanceof KnownLength) {
        int length = stream.available();
        byte[] bytes = new byte[length];
        int read = stream.readNBytes(bytes, 0, length);
        if (read == length && stream.available() == 0) {
          return bytes;
        }
        // A length that turns out wrong: keep what was read and read the rest the slow way.
        byte[] rest = stream.readAllBytes();
        byte[] all = Arrays.copyOf(bytes, read + rest.length);
        System.arraycopy(rest, 0, all, read, rest.length);
        return all;
      }
      return stream.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
