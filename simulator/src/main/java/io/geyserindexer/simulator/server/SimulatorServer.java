package io.geyserindexer.simulator.server;

import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator process's core: a gRPC server with the Geyser service, the slot clock feeding it
 * and the ping timer. Lifecycle: {@link #start()}, then {@link #close()} (idempotent, bounded).
 */
public final class SimulatorServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatorServer.class);

  private final ServerSettings settings;
  private final SlotBroadcaster broadcaster;
  private final SlotClock clock;
  private final SlotSource source;
  private final ServerServiceDefinition service;
  private final ScheduledExecutorService timer;
  private volatile Server server;
  private volatile int port;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean closed;

  public SimulatorServer(ServerSettings settings, SlotSource source) {
    this.settings = settings;
    this.source = source;
    this.broadcaster = new SlotBroadcaster(settings.replaySlots());
    this.clock =
        new SlotClock(
            source,
            broadcaster,
            settings.slotInterval(),
            settings.confirmDepth(),
            settings.finalizeDepth());
    List<ServerInterceptor> interceptors = new ArrayList<>();
    interceptors.add(new EagerHeadersInterceptor());
    settings.xToken().ifPresent(token -> interceptors.add(new XTokenInterceptor(token)));
    // The last interceptor runs first: the token is checked before headers go out.
    this.service =
        ServerInterceptors.intercept(
            SubscribeUpdateMarshaller.install(
                new GeyserService(broadcaster, settings, this::cutTransport).bindService()),
            interceptors);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "geyser-timer");
              t.setDaemon(true);
              return t;
            });
  }

  public SimulatorServer start() throws IOException {
    server = bind(settings.port());
    port = server.getPort();
    long ping = settings.pingInterval().toNanos();
    timer.scheduleAtFixedRate(
        () -> broadcaster.sessions().forEach(GeyserSession::ping),
        ping,
        ping,
        TimeUnit.NANOSECONDS);
    clock.start();
    LOG.info("simulator listening on port {}", port);
    return this;
  }

  public int port() {
    return port;
  }

  /** Subscribe streams currently open. */
  public int openSessions() {
    return broadcaster.sessions().size();
  }

  /** Slots produced so far (dead ones included). */
  public long slotsProduced() {
    return clock.slotsProduced();
  }

  /** True once the source ended and every produced slot was finalized. */
  public boolean finished() {
    return clock.finished();
  }

  /** Waits for {@link #close()}; a chaos transport cut replaces the gRPC server, not this one. */
  public void blockUntilShutdown() throws InterruptedException {
    stopped.await();
  }

  @Override
  public void close() throws InterruptedException {
    if (closed) {
      return;
    }
    closed = true;
    LOG.info("simulator stopping");
    clock.close();
    timer.shutdownNow();
    if (source instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.warn("closing the slot source failed: {}", e.toString());
      }
    }
    broadcaster.closeAll(
        Status.UNAVAILABLE.withDescription("server is shutting down try again later"));
    Server current = server;
    if (current != null) {
      current.shutdown();
      if (!current.awaitTermination(5, TimeUnit.SECONDS)) {
        current.shutdownNow();
      }
    }
    stopped.countDown();
    LOG.info("simulator stopped");
  }

  /** Chaos: drop every connection without a status, then accept again on the same port. */
  private void cutTransport() {
    timer.execute(
        () -> {
          if (closed) {
            return;
          }
          try {
            Server old = server;
            old.shutdownNow();
            old.awaitTermination(5, TimeUnit.SECONDS);
            server = bind(port);
            LOG.info("simulated abrupt cut: all connections dropped, listening again on {}", port);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  private Server bind(int bindPort) throws IOException {
    return NettyServerBuilder.forAddress(new InetSocketAddress(bindPort))
        .addService(service)
        .maxInboundMessageSize(4 * 1024 * 1024)
        .build()
        .start();
  }
}
