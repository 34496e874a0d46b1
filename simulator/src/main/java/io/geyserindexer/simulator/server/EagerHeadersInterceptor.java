package io.geyserindexer.simulator.server;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Sends the response headers of a streaming call as soon as it is accepted. grpc-java would send
 * them with the first message, but real Yellowstone servers send them at once and the official
 * clients wait for them before writing anything; a subscription matching nothing would otherwise
 * hang until the first ping.
 */
final class EagerHeadersInterceptor implements ServerInterceptor {

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (call.getMethodDescriptor().getType() != MethodDescriptor.MethodType.BIDI_STREAMING) {
      return next.startCall(call, headers);
    }
    ServerCall<Q, R> eager =
        new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
          private boolean headersSent;

          @Override
          public synchronized void sendHeaders(Metadata responseHeaders) {
            // The stub sends (empty) headers again before its first message: once is enough.
            if (!headersSent) {
              headersSent = true;
              super.sendHeaders(responseHeaders);
            }
          }
        };
    eager.sendHeaders(new Metadata());
    return next.startCall(eager, headers);
  }
}
