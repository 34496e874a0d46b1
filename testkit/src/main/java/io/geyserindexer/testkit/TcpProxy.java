package io.geyserindexer.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on a local port in front of a real server, which a test controls: {@link #cut()}
 * drops every connection and refuses new ones (the server looks unreachable, while the real server,
 * shared by other tests, keeps running), {@link #restore()} accepts again, and {@link
 * #latency(Duration)} delays every chunk by a one-way time, as a far-away server would.
 */
public final class TcpProxy implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TcpProxy.class);

  private final InetSocketAddress target;
  private final ServerSocket serverSocket;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean cut = new AtomicBoolean();
  private final AtomicLong latencyNanos = new AtomicLong();
  private volatile boolean closed;

  private TcpProxy(InetSocketAddress target, ServerSocket serverSocket) {
    this.target = target;
    this.serverSocket = serverSocket;
  }

  /** Listens on a free loopback port and forwards to {@code host:port}. */
  public static TcpProxy start(String host, int port) {
    try {
      ServerSocket socket = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
      TcpProxy proxy = new TcpProxy(new InetSocketAddress(host, port), socket);
      daemon("tcp-proxy-accept-" + socket.getLocalPort(), proxy::acceptLoop).start();
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a proxy port", e);
    }
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return serverSocket.getLocalPort();
  }

  /** Closes every proxied connection and refuses new ones until {@link #restore()}. */
  public void cut() {
    cut.set(true);
    open.forEach(TcpProxy::closeQuietly);
    open.clear();
    log.info("Proxy :{} -> {} cut", port(), target);
  }

  public void restore() {
    cut.set(false);
    log.info("Proxy :{} -> {} restored", port(), target);
  }

  /** Delays each forwarded chunk by {@code oneWay} in each direction (a round trip is twice). */
  public void latency(Duration oneWay) {
    latencyNanos.set(oneWay.toNanos());
  }

  /** Connections currently proxied. */
  public int openConnections() {
    return open.size() / 2;
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(serverSocket);
    open.forEach(TcpProxy::closeQuietly);
    open.clear();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = serverSocket.accept();
      } catch (IOException e) {
        if (!closed) {
          log.warn("Proxy accept failed: {}", e.getMessage());
        }
        return;
      }
      if (cut.get()) {
        closeQuietly(client);
        continue;
      }
      try {
        Socket upstream = new Socket();
        upstream.connect(target, 5000);
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        open.add(client);
        open.add(upstream);
        pipe(client, upstream);
        pipe(upstream, client);
      } catch (IOException e) {
        log.warn("Proxy cannot reach {}: {}", target, e.getMessage());
        closeQuietly(client);
      }
    }
  }

  /** Copies {@code from} to {@code to}, through a delay queue so latency never limits bandwidth. */
  private void pipe(Socket from, Socket to) {
    DelayQueue<Chunk> queue = new DelayQueue<>();
    String name = "tcp-proxy-" + from.getPort() + "-" + to.getPort();
    daemon(
            name + "-read",
            () -> {
              byte[] buffer = new byte[64 * 1024];
              Deadlines deadlines = new Deadlines(latencyNanos::get);
              try (InputStream in = from.getInputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  queue.put(deadlines.next(Arrays.copyOf(buffer, n)));
                }
              } catch (IOException ignored) {
                // The connection ended or was cut; the writer closes the other side.
              }
              queue.put(deadlines.next(null));
            })
        .start();
    daemon(
            name + "-write",
            () -> {
              try (OutputStream out = to.getOutputStream()) {
                while (true) {
                  Chunk chunk = queue.take();
                  if (chunk.bytes == null) {
                    break;
                  }
                  out.write(chunk.bytes);
                  out.flush();
                }
              } catch (IOException | InterruptedException ignored) {
                // Closed underneath us: the proxy was cut or a peer went away.
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
              }
            })
        .start();
  }

  /**
   * Due times of one direction's chunks, in read order. A chunk is never due before the one read
   * ahead of it: when the latency drops, a later chunk would otherwise overtake an earlier one and
   * scramble the byte stream (PostgreSQL's client then reads one reply in place of another).
   */
  static final class Deadlines {
    private final LongSupplier latencyNanos;
    private long lastDue = Long.MIN_VALUE;
    private long sequence;

    Deadlines(LongSupplier latencyNanos) {
      this.latencyNanos = latencyNanos;
    }

    Chunk next(byte[] bytes) {
      long due = System.nanoTime() + latencyNanos.getAsLong();
      if (lastDue != Long.MIN_VALUE && due - lastDue < 0) {
        due = lastDue;
      }
      lastDue = due;
      return new Chunk(due, sequence++, bytes);
    }
  }

  record Chunk(long dueNanos, long sequence, byte[] bytes) implements Delayed {
    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      Chunk that = (Chunk) other;
      int byDue = Long.compare(dueNanos - that.dueNanos, 0);
      return byDue != 0 ? byDue : Long.compare(sequence, that.sequence);
    }
  }

  private static Thread daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // Closing is best effort: the peer may already be gone.
    }
  }
}
