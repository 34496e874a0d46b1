package io.geyserindexer.simulator.bench;

import io.geyserindexer.proto.geyser.CommitmentLevel;
import io.geyserindexer.proto.geyser.GeyserGrpc;
import io.geyserindexer.proto.geyser.SubscribeRequest;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterAccounts;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterBlocksMeta;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterSlots;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterTransactions;
import io.grpc.CallOptions;
import io.grpc.KnownLength;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * A benchmark client that subscribes the way the ingestor does by default (accounts, transactions
 * with votes, slots, blocks_meta; CONFIRMED unless told otherwise) and drains as fast as grpc-java
 * delivers (stub auto flow control). Updates stay raw bytes, as in the ingestor's source; only the
 * tag of the update kind and created_at are read, so the client costs as little CPU as possible and
 * the figures measure the server.
 */
final class DrainingSubscriber implements AutoCloseable {

  /** Counters a reader takes snapshots of; written by the one gRPC callback thread. */
  static final class Counts {
    final LongAdder updates = new LongAdder();
    final LongAdder bytes = new LongAdder();
    final LongAdder accounts = new LongAdder();
    final LongAdder transactions = new LongAdder();
    final LongAdder blockMetas = new LongAdder();
    final LongAdder slots = new LongAdder();
    final LongAdder other = new LongAdder();

    /** Largest created_at-to-arrival delay in microseconds since the last {@link #takeMaxDelay}. */
    private long maxDelayMicros;

    synchronized void delay(long micros) {
      maxDelayMicros = Math.max(maxDelayMicros, micros);
    }

    synchronized long takeMaxDelay() {
      long out = maxDelayMicros;
      maxDelayMicros = 0;
      return out;
    }
  }

  private static final MethodDescriptor<SubscribeRequest, byte[]> RAW_SUBSCRIBE =
      GeyserGrpc.getSubscribeMethod().toBuilder(
              GeyserGrpc.getSubscribeMethod().getRequestMarshaller(), new RawBytes())
          .build();

  /** Name prefix of the client's threads. */
  static final String THREAD_PREFIX = "draining-subscriber";

  final Counts counts = new Counts();
  private final NioEventLoopGroup eventLoop;
  final AtomicReference<Status> closed = new AtomicReference<>();
  private final ManagedChannel channel;
  private final StreamObserver<SubscribeRequest> requests;

  DrainingSubscriber(String host, int port, CommitmentLevel commitment) {
    // An event loop of its own, with named threads, so a benchmark can tell client CPU apart.
    this.eventLoop = new NioEventLoopGroup(1, new DefaultThreadFactory(THREAD_PREFIX, true));
    this.channel =
        NettyChannelBuilder.forAddress(host, port)
            .eventLoopGroup(eventLoop)
            .channelType(NioSocketChannel.class)
            .usePlaintext()
            .directExecutor()
            .maxInboundMessageSize(64 << 20)
            .build();
    this.requests =
        ClientCalls.asyncBidiStreamingCall(
            channel.newCall(RAW_SUBSCRIBE, CallOptions.DEFAULT), new Receiver());
    requests.onNext(ingestorDefault().toBuilder().setCommitment(commitment).build());
  }

  /**
   * The ingestor's default subscription (GEYSER_SUBSCRIBE defaults, GEYSER_COMMITMENT=confirmed).
   */
  static SubscribeRequest ingestorDefault() {
    return SubscribeRequest.newBuilder()
        .setCommitment(CommitmentLevel.CONFIRMED)
        .putAccounts("accounts", SubscribeRequestFilterAccounts.getDefaultInstance())
        .putTransactions("transactions", SubscribeRequestFilterTransactions.getDefaultInstance())
        .putSlots("slots", SubscribeRequestFilterSlots.getDefaultInstance())
        .putBlocksMeta("blocks_meta", SubscribeRequestFilterBlocksMeta.getDefaultInstance())
        .build();
  }

  @Override
  public void close() throws InterruptedException {
    requests.onError(Status.CANCELLED.withDescription("benchmark done").asRuntimeException());
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    eventLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  private final class Receiver implements StreamObserver<byte[]> {
    @Override
    public void onNext(byte[] update) {
      counts.updates.increment();
      counts.bytes.add(update.length);
      classify(update);
    }

    @Override
    public void onError(Throwable t) {
      closed.compareAndSet(null, Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
      closed.compareAndSet(null, Status.OK);
    }
  }

  /**
   * Reads the update kind and created_at straight from the wire format: repeated filters (field 1)
   * come first, then the one update field, then created_at (field 11), in field-number order as
   * protobuf-java writes them.
   */
  private void classify(byte[] b) {
    int[] pos = {0};
    int tag = 0;
    while (pos[0] < b.length) {
      tag = varint(b, pos);
      if (tag != (1 << 3 | 2)) {
        break;
      }
      int length = varint(b, pos);
      pos[0] += length;
    }
    switch (tag >>> 3) {
      case 2 -> counts.accounts.increment();
      case 3 -> counts.slots.increment();
      case 4 -> counts.transactions.increment();
      case 7 -> counts.blockMetas.increment();
      default -> counts.other.increment();
    }
    if ((tag & 7) != 2) {
      return;
    }
    int length = varint(b, pos);
    pos[0] += length;
    if (pos[0] >= b.length || varint(b, pos) != (11 << 3 | 2)) {
      return;
    }
    int timestampLength = varint(b, pos);
    int end = pos[0] + timestampLength;
    long seconds = 0;
    long nanos = 0;
    while (pos[0] < end) {
      int field = varint(b, pos) >>> 3;
      long value = varint64(b, pos);
      if (field == 1) {
        seconds = value;
      } else if (field == 2) {
        nanos = value;
      }
    }
    long nowMicros = TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis());
    counts.delay(nowMicros - (seconds * 1_000_000 + nanos / 1_000));
  }

  private static int varint(byte[] b, int[] pos) {
    return (int) varint64(b, pos);
  }

  private static long varint64(byte[] b, int[] pos) {
    long out = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte next = b[pos[0]++];
      out |= (long) (next & 0x7f) << shift;
      if (next >= 0) {
        return out;
      }
    }
    throw new IllegalStateException("malformed varint");
  }

  /** Keeps each update as the bytes that came over the wire. */
  private static final class RawBytes implements MethodDescriptor.Marshaller<byte[]> {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try (stream) {
        if (stream instanceof KnownLength) {
          byte[] out = new byte[stream.available()];
          if (stream.readNBytes(out, 0, out.length) == out.length && stream.available() == 0) {
            return out;
          }
        }
        throw new IllegalStateException("update stream without a known length");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
