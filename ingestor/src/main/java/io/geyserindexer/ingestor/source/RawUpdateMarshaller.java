package io.geyserindexer.ingestor.source;

import io.geyserindexer.proto.geyser.GeyserGrpc;
import io.geyserindexer.proto.geyser.SubscribeRequest;
import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

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

  @Override
  public byte[] parse(InputStream stream) {
    try (stream) {
      return stream.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
