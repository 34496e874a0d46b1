package io.geyserindexer.simulator.server;

import io.geyserindexer.proto.geyser.GeyserGrpc;
import io.geyserindexer.proto.geyser.SubscribeUpdate;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Serializes each outgoing update into one array of its exact size. grpc-java's protobuf marshaller
 * writes through a stream encoder that first allocates and zeroes a buffer of up to 4 KiB per
 * message; at tens of thousands of small updates a second that was the largest single cost of the
 * drain thread. The bytes on the wire are the same.
 */
final class SubscribeUpdateMarshaller implements MethodDescriptor.Marshaller<SubscribeUpdate> {

  private static final MethodDescriptor.Marshaller<SubscribeUpdate> PROTO =
      ProtoUtils.marshaller(SubscribeUpdate.getDefaultInstance());

  /** The service with Subscribe's responses marshalled by this class; other methods unchanged. */
  static ServerServiceDefinition install(ServerServiceDefinition service) {
    ServerServiceDefinition.Builder out =
        ServerServiceDefinition.builder(service.getServiceDescriptor().getName());
    for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
      out.addMethod(replaced(method));
    }
    return out.build();
  }

  @Override
  public InputStream stream(SubscribeUpdate value) {
    return new Serialized(value.toByteArray());
  }

  @Override
  public SubscribeUpdate parse(InputStream stream) {
    return PROTO.parse(stream);
  }

  @SuppressWarnings("unchecked")
  private static <Q, R> ServerMethodDefinition<Q, R> replaced(ServerMethodDefinition<Q, R> method) {
    MethodDescriptor<Q, R> descriptor = method.getMethodDescriptor();
    if (!descriptor
        .getFullMethodName()
        .equals(GeyserGrpc.getSubscribeMethod().getFullMethodName())) {
      return method;
    }
    MethodDescriptor.Marshaller<R> responses =
        (MethodDescriptor.Marshaller<R>) new SubscribeUpdateMarshaller();
    return ServerMethodDefinition.create(
        descriptor.toBuilder(descriptor.getRequestMarshaller(), responses).build(),
        method.getServerCallHandler());
  }

  /** A serialized update; the framer drains it into the transport buffer with one copy. */
  private static final class Serialized extends ByteArrayInputStream
      implements KnownLength, Drainable {

    Serialized(byte[] bytes) {
      super(bytes);
    }

    @Override
    public int drainTo(OutputStream target) throws IOException {
      int length = count - pos;
      target.write(buf, pos, length);
      pos = count;
      return length;
    }
  }
}
