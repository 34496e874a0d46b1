package io.geyserindexer.simulator.server;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Checks {@code x-token} on every call when a token is configured, answering UNAUTHENTICATED "No
 * valid auth token" like upstream. The token itself never reaches a log.
 */
final class XTokenInterceptor implements ServerInterceptor {

  static final Metadata.Key<String> X_TOKEN =
      Metadata.Key.of("x-token", Metadata.ASCII_STRING_MARSHALLER);

  private final byte[] token;

  XTokenInterceptor(String token) {
    this.token = token.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String presented = headers.get(X_TOKEN);
    if (presented == null
        || !MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.US_ASCII))) {
      call.close(Status.UNAUTHENTICATED.withDescription("No valid auth token"), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }
}
