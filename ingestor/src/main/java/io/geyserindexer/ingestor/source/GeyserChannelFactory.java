package io.geyserindexer.ingestor.source;

import io.geyserindexer.ingestor.config.GeyserConfig;
import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptor;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * Builds the gRPC channel to the Geyser server: plaintext or TLS (system trust store, or a CA
 * file), the {@code x-token} on every call, a raised inbound size limit and HTTP/2 keepalive.
 */
public final class GeyserChannelFactory {

  static final Metadata.Key<String> X_TOKEN =
      Metadata.Key.of("x-token", Metadata.ASCII_STRING_MARSHALLER);

  private GeyserChannelFactory() {}

  public static ManagedChannel open(GeyserConfig config) {
    ManagedChannelBuilder<?> builder =
        Grpc.newChannelBuilderForAddress(
                config.endpoint().getHost(), config.port(), credentials(config))
            .maxInboundMessageSize(config.maxInboundMessageBytes())
            .keepAliveTime(config.keepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
            .keepAliveTimeout(config.keepAliveTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .keepAliveWithoutCalls(true)
            // Stream callbacks run on the netty event loop that read the message, not on a hop to
            // grpc-java's default executor: the callback never blocks (it parses, queues and
            // returns; the queue has room for every requested message), and the hop cost a task
            // submission and often a thread wake-up per message. IngestorBenchmark: see
            // docs/BENCHMARKS.md section 1.
            .directExecutor()
            .userAgent("geyser-indexer-ingestor");
    if (config.xToken() != null) {
      builder.intercept(xTokenInterceptor(config.xToken()));
    }
    return builder.build();
  }

  static ClientInterceptor xTokenInterceptor(String token) {
    Metadata headers = new Metadata();
    headers.put(X_TOKEN, token);
    return MetadataUtils.newAttachHeadersInterceptor(headers);
  }

  private static ChannelCredentials credentials(GeyserConfig config) {
    if (!config.tls()) {
      return InsecureChannelCredentials.create();
    }
    if (config.caFile() == null) {
      return TlsChannelCredentials.create();
    }
    try {
      return TlsChannelCredentials.newBuilder().trustManager(config.caFile().toFile()).build();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read GEYSER_CA_FILE " + config.caFile() + ": " + e.getMessage(), e);
    }
  }
}
