package io.geyserindexer.ingestor.source;

import io.geyserindexer.ingestor.buffer.EventQueue;
import io.geyserindexer.proto.geyser.SubscribeRequest;
import io.geyserindexer.proto.geyser.SubscribeRequestPing;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * One open Subscribe call. Inbound flow control is manual: the stream asks for messages only when
 * the {@link EventQueue} grants credits, so a full queue stops reading and HTTP/2 flow control
 * pushes back on the server; no gRPC callback thread ever waits.
 *
 * <p>grpc-java's call objects are not meant for concurrent use, except {@code request(n)}, which
 * may be called from any thread. Pings are answered from the callback thread and the stream is
 * cancelled from the subscription thread, so those go through this object's lock. Credits, granted
 * from the publisher's thread and the callback thread under the {@link EventQueue}'s lock, do not
 * take it: the channel runs callbacks directly on its event loop, and a cancel under this lock can
 * end the call inline ({@code onError} takes the queue's lock), so taking this lock inside the
 * queue's would order the two locks both ways.
 */
final class GeyserStream
    implements ClientResponseObserver<SubscribeRequest, byte[]>, EventQueue.CreditSink {

  /** How a stream ended. */
  record Outcome(Status status, boolean silent, Duration lived, long messages) {}

  private final Channel channel;
  private final EventQueue queue;
  private final UpdateRouter router;
  private final CompletableFuture<Status> ended = new CompletableFuture<>();
  private final AtomicInteger pingIds = new AtomicInteger();
  private final long openedNanos = System.nanoTime();
  private volatile long lastMessageNanos = System.nanoTime();
  private volatile long messages;
  private volatile ClientCallStreamObserver<SubscribeRequest> requests;

  GeyserStream(Channel channel, EventQueue queue, UpdateRouter router) {
    this.channel = channel;
    this.queue = queue;
    this.router = router;
  }

  /** Opens the call, writes the subscription and grants the first credits. */
  void open(SubscribeRequest subscription) {
    StreamObserver<SubscribeRequest> out =
        ClientCalls.asyncBidiStreamingCall(
            channel.newCall(RawUpdateMarshaller.SUBSCRIBE, CallOptions.DEFAULT), this);
    synchronized (this) {
      out.onNext(subscription);
    }
    queue.attach(this);
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<SubscribeRequest> requestStream) {
    this.requests = requestStream;
    requestStream.disableAutoRequestWithInitial(0);
  }

  @Override
  public void onNext(byte[] update) {
    lastMessageNanos = System.nanoTime();
    messages++;
    router.route(update, this);
  }

  @Override
  public void onError(Throwable error) {
    queue.detach(this);
    ended.complete(Status.fromThrowable(error));
  }

  @Override
  public void onCompleted() {
    queue.detach(this);
    ended.complete(Status.UNAVAILABLE.withDescription("server ended the stream"));
  }

  @Override
  public void request(int count) {
    if (!ended.isDone()) {
      requests.request(count);
    }
  }

  /** Answers a server ping with a ping-only request (keeps proxies from closing a quiet stream). */
  synchronized void answerPing() {
    if (!ended.isDone()) {
      requests.onNext(
          SubscribeRequest.newBuilder()
              .setPing(SubscribeRequestPing.newBuilder().setId(pingIds.incrementAndGet()))
              .build());
    }
  }

  synchronized void cancel(String reason) {
    if (!ended.isDone()) {
      requests.cancel(reason, null);
    }
  }

  /**
   * Waits for the stream to end. A stream that delivers nothing for longer than {@code
   * silenceTimeout} while messages are requested is cancelled as dead (the server pings every 10 s,
   * so a live stream is never that quiet); {@code stop} cancels it for shutdown.
   */
  Outcome await(Duration silenceTimeout, BooleanSupplier stop) throws InterruptedException {
    boolean silent = false;
    while (!ended.isDone()) {
      try {
        ended.get(100, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (stop.getAsBoolean()) {
          cancel("ingestor shutting down");
        } else if (queue.outstanding() == 0) {
          // Backpressure: we asked for nothing, so nothing arriving is not silence.
          lastMessageNanos = System.nanoTime();
        } else if (System.nanoTime() - lastMessageNanos > silenceTimeout.toNanos()) {
          silent = true;
          cancel("no message for " + silenceTimeout.toMillis() + " ms");
        }
      } catch (ExecutionException e) {
        throw new IllegalStateException(e);
      }
    }
    return new Outcome(
        ended.join(), silent, Duration.ofNanos(System.nanoTime() - openedNanos), messages);
  }
}
