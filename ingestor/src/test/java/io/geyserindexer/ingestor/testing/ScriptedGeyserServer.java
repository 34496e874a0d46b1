package io.geyserindexer.ingestor.testing;

import io.geyserindexer.proto.geyser.GeyserGrpc;
import io.geyserindexer.proto.geyser.SubscribeReplayInfoRequest;
import io.geyserindexer.proto.geyser.SubscribeReplayInfoResponse;
import io.geyserindexer.proto.geyser.SubscribeRequest;
import io.geyserindexer.proto.geyser.SubscribeUpdate;
import io.geyserindexer.proto.geyser.SubscribeUpdatePing;
import io.geyserindexer.proto.geyser.SubscribeUpdatePong;
import io.grpc.Contexts;
import io.grpc.Drainable;
import io.grpc.InsecureServerCredentials;
import io.grpc.KnownLength;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process Geyser server on a real loopback port that serves a scripted sequence of updates.
 * It honours {@code from_slot} (OUT_OF_RANGE below {@code firstAvailable}), respects HTTP/2 flow
 * control (sends only while the call is ready, so a client that stops reading holds it), pings
 * every {@code pingInterval}, answers ping requests with pongs, checks {@code x-token}, and can cut
 * or silence streams on command.
 */
public final class ScriptedGeyserServer implements AutoCloseable {

  private static final Metadata.Key<String> X_TOKEN =
      Metadata.Key.of("x-token", Metadata.ASCII_STRING_MARSHALLER);

  private final List<ScriptedUpdates.Item> script;
  private final String expectedToken;
  private final Server server;
  private final boolean tls;

  /** Prefix of every thread the server runs on. */
  public static final String THREAD_PREFIX = "scripted-geyser";

  private final ScheduledExecutorService pinger =
      Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory(THREAD_PREFIX + "-ping"));
  private final EventLoopGroup bossGroup =
      new NioEventLoopGroup(1, new DefaultThreadFactory(THREAD_PREFIX + "-boss", true));
  private final EventLoopGroup workerGroup =
      new NioEventLoopGroup(0, new DefaultThreadFactory(THREAD_PREFIX + "-worker", true));
  private final ExecutorService callbacks =
      Executors.newCachedThreadPool(new DefaultThreadFactory(THREAD_PREFIX + "-exec", true));
  private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
  private final List<Long> fromSlots = new CopyOnWriteArrayList<>();
  private final List<String> tokensSeen = new CopyOnWriteArrayList<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicInteger streamsOpened = new AtomicInteger();
  private final AtomicInteger pingRequests = new AtomicInteger();
  private final AtomicInteger heldByFlowControl = new AtomicInteger();
  private volatile long firstAvailable;
  private final java.util.concurrent.ConcurrentLinkedQueue<Integer> cutPositions =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final List<Long> cutSlots = new CopyOnWriteArrayList<>();
  private volatile int silentAfter = -1;
  private volatile int holdAfter = -1;

  public ScriptedGeyserServer(
      List<ScriptedUpdates.Item> script, String expectedToken, long pingMillis) throws IOException {
    this(script, expectedToken, pingMillis, InsecureServerCredentials.create());
  }

  /** A server with the given credentials: TLS ones make {@link #endpoint()} https://localhost. */
  public ScriptedGeyserServer(
      List<ScriptedUpdates.Item> script,
      String expectedToken,
      long pingMillis,
      ServerCredentials credentials)
      throws IOException {
    this.tls = !(credentials instanceof InsecureServerCredentials);
    this.script = List.copyOf(script);
    this.expectedToken = expectedToken;
    MethodDescriptor<SubscribeRequest, byte[]> subscribe =
        GeyserGrpc.getSubscribeMethod().toBuilder(
                GeyserGrpc.getSubscribeMethod().getRequestMarshaller(), new RawBytes())
            .build();
    ServerServiceDefinition service =
        ServerServiceDefinition.builder(GeyserGrpc.SERVICE_NAME)
            .addMethod(subscribe, ServerCalls.asyncBidiStreamingCall(this::subscribe))
            .addMethod(
                GeyserGrpc.getSubscribeReplayInfoMethod(),
                ServerCalls.asyncUnaryCall(this::replayInfo))
            .build();
    // Own, named threads rather than grpc-java's shared defaults (which the ingestor's channel in
    // the same JVM also uses): IngestorBenchmark tells the server's CPU from the client's by name.
    server =
        NettyServerBuilder.forPort(0, credentials)
            .bossEventLoopGroup(bossGroup)
            .workerEventLoopGroup(workerGroup)
            .channelType(NioServerSocketChannel.class)
            .executor(callbacks)
            .addService(ServerInterceptors.intercept(service, new TokenCheck()))
            .build()
            .start();
    pinger.scheduleAtFixedRate(this::pingAll, pingMillis, pingMillis, TimeUnit.MILLISECONDS);
  }

  public String endpoint() {
    return tls ? "https://localhost:" + server.getPort() : "http://127.0.0.1:" + server.getPort();
  }

  /**
   * Cuts streams with UNAVAILABLE when they reach these script positions, one position per cut, in
   * order: wherever the client resumes, the next cut happens further into the script.
   */
  public void cutAtPositions(int... positions) {
    for (int p : positions) {
      cutPositions.add(p);
    }
  }

  /** The slot of the first unsent message at each cut. */
  public List<Long> cutSlots() {
    return List.copyOf(cutSlots);
  }

  /** The next stream goes silent (no updates, no pings) after {@code after} messages. */
  public void silenceNextStreamAfter(int after) {
    silentAfter = after;
  }

  /** The next stream stops sending updates after {@code after} messages but keeps pinging. */
  public void holdNextStreamAfter(int after) {
    holdAfter = after;
  }

  /** Lets silenced and held streams send again. */
  public void resumeSilentStreams() {
    sessions.forEach(Session::resume);
  }

  /** Streams asking for a slot below this get OUT_OF_RANGE. */
  public void firstAvailable(long slot) {
    firstAvailable = slot;
  }

  public long sent() {
    return sent.get();
  }

  /** Streams that have sent their subscription and are being served. */
  public int activeStreams() {
    return sessions.size();
  }

  public int streamsOpened() {
    return streamsOpened.get();
  }

  /** from_slot of each subscription, -1 for live. */
  public List<Long> fromSlots() {
    return List.copyOf(fromSlots);
  }

  public List<String> tokensSeen() {
    return List.copyOf(tokensSeen);
  }

  public int pingRequests() {
    return pingRequests.get();
  }

  /** How often a send loop stopped because the client was not reading (HTTP/2 flow control). */
  public int heldByFlowControl() {
    return heldByFlowControl.get();
  }

  private void replayInfo(
      SubscribeReplayInfoRequest request, StreamObserver<SubscribeReplayInfoResponse> out) {
    out.onNext(SubscribeReplayInfoResponse.newBuilder().setFirstAvailable(firstAvailable).build());
    out.onCompleted();
  }

  private StreamObserver<SubscribeRequest> subscribe(StreamObserver<byte[]> responses) {
    Session session = new Session((ServerCallStreamObserver<byte[]>) responses);
    streamsOpened.incrementAndGet();
    return session;
  }

  private void pingAll() {
    byte[] ping =
        SubscribeUpdate.newBuilder()
            .setPing(SubscribeUpdatePing.getDefaultInstance())
            .build()
            .toByteArray();
    sessions.forEach(s -> s.sendControl(ping));
  }

  @Override
  public void close() throws InterruptedException {
    pinger.shutdownNow();
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
    callbacks.shutdownNow();
    bossGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    workerGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  /**
   * One Subscribe call. All sends go through its lock: ServerCallStreamObserver is not thread-safe.
   */
  private final class Session implements StreamObserver<SubscribeRequest> {
    private final ServerCallStreamObserver<byte[]> out;
    private int position = -1;
    private int sentHere;
    private boolean done;
    private int silentAt = -1;
    private int holdAt = -1;

    Session(ServerCallStreamObserver<byte[]> out) {
      this.out = out;
      out.setOnReadyHandler(this::pump);
      out.setOnCancelHandler(() -> finish());
    }

    @Override
    public synchronized void onNext(SubscribeRequest request) {
      if (request.hasPing()) {
        pingRequests.incrementAndGet();
        sendControl(
            SubscribeUpdate.newBuilder()
                .setPong(SubscribeUpdatePong.newBuilder().setId(request.getPing().getId()))
                .build()
                .toByteArray());
        return;
      }
      long from = request.hasFromSlot() ? request.getFromSlot() : -1;
      fromSlots.add(from);
      if (from >= 0 && from < firstAvailable) {
        finishWith(
            Status.OUT_OF_RANGE.withDescription(
                "broadcast from " + from + " is not available, last available: " + firstAvailable));
        return;
      }
      position = 0;
      while (from >= 0 && position < script.size() && script.get(position).slot() < from) {
        position++;
      }
      if (holdAfter >= 0) {
        holdAt = holdAfter;
        holdAfter = -1;
      }
      if (silentAfter >= 0) {
        silentAt = silentAfter;
        silentAfter = -1;
      }
      sessions.add(this);
      pump();
    }

    synchronized void pump() {
      while (!done && position >= 0 && position < script.size()) {
        Integer cutAt = cutPositions.peek();
        if (cutAt != null && position >= cutAt && cutPositions.remove(cutAt)) {
          cutSlots.add(script.get(position).slot());
          finishWith(Status.UNAVAILABLE.withDescription("scripted cut"));
          return;
        }
        if ((silentAt >= 0 && sentHere >= silentAt) || (holdAt >= 0 && sentHere >= holdAt)) {
          return;
        }
        if (!out.isReady()) {
          heldByFlowControl.incrementAndGet();
          return;
        }
        out.onNext(script.get(position++).bytes());
        sentHere++;
        sent.incrementAndGet();
      }
    }

    synchronized void resume() {
      silentAt = -1;
      holdAt = -1;
      pump();
    }

    synchronized void sendControl(byte[] message) {
      boolean silenced = silentAt >= 0 && sentHere >= silentAt;
      if (!done && position >= 0 && !silenced) {
        out.onNext(message);
      }
    }

    @Override
    public void onError(Throwable t) {
      finish();
    }

    @Override
    public void onCompleted() {
      // Half-close does not end the update stream (as upstream).
    }

    private synchronized void finishWith(Status status) {
      if (!done) {
        done = true;
        sessions.remove(this);
        out.onError(status.asRuntimeException());
      }
    }

    private synchronized void finish() {
      done = true;
      sessions.remove(this);
    }
  }

  private final class TokenCheck implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      String token = headers.get(X_TOKEN);
      tokensSeen.add(String.valueOf(token));
      if (expectedToken != null && !expectedToken.equals(token)) {
        call.close(Status.UNAUTHENTICATED.withDescription("No valid auth token"), new Metadata());
        return new ServerCall.Listener<>() {};
      }
      return Contexts.interceptCall(io.grpc.Context.current(), call, headers, next);
    }
  }

  /**
   * Lets grpc-java write the message in one call instead of copying it through a scratch buffer:
   * the server shares the benchmark's CPU, so its cost per message should stay small.
   */
  private static final class DrainableBytes extends ByteArrayInputStream
      implements Drainable, KnownLength {
    DrainableBytes(byte[] bytes) {
      super(bytes);
    }

    @Override
    public synchronized int drainTo(OutputStream target) throws IOException {
      int length = count - pos;
      target.write(buf, pos, length);
      pos = count;
      return length;
    }
  }

  private static final class RawBytes implements MethodDescriptor.Marshaller<byte[]> {
    @Override
    public InputStream stream(byte[] value) {
      return new DrainableBytes(value);
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
}
