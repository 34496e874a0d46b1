package io.geyserindexer.simulator.server;

import io.geyserindexer.proto.geyser.GeyserGrpc;
import io.geyserindexer.proto.geyser.SubscribeRequest;
import io.geyserindexer.proto.geyser.SubscribeRequestPing;
import io.geyserindexer.proto.geyser.SubscribeUpdate;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A plain grpc-java Subscribe call with everything a test wants to observe: when headers came (and
 * whether any message beat them), every update, and the closing status. With {@code autoRead=false}
 * the client never asks for messages, like a stalled consumer.
 */
final class TestSubscription {

  final AtomicBoolean headers = new AtomicBoolean();
  final AtomicBoolean messageBeforeHeaders = new AtomicBoolean();
  final List<SubscribeUpdate> updates = new CopyOnWriteArrayList<>();
  final AtomicReference<Status> status = new AtomicReference<>();
  private final ClientCall<SubscribeRequest, SubscribeUpdate> call;

  TestSubscription(Channel channel, Metadata metadata, boolean autoRead) {
    this.call = channel.newCall(GeyserGrpc.getSubscribeMethod(), CallOptions.DEFAULT);
    call.start(
        new ClientCall.Listener<>() {
          @Override
          public void onHeaders(Metadata h) {
            headers.set(true);
          }

          @Override
          public void onMessage(SubscribeUpdate message) {
            if (!headers.get()) {
              messageBeforeHeaders.set(true);
            }
            updates.add(message);
            if (autoRead) {
              call.request(1);
            }
          }

          @Override
          public void onClose(Status s, Metadata trailers) {
            status.set(s);
          }
        },
        metadata);
    if (autoRead) {
      call.request(1);
    }
  }

  static TestSubscription open(Channel channel) {
    return new TestSubscription(channel, new Metadata(), true);
  }

  TestSubscription send(SubscribeRequest request) {
    call.sendMessage(request);
    return this;
  }

  TestSubscription ping(int id) {
    return send(
        SubscribeRequest.newBuilder().setPing(SubscribeRequestPing.newBuilder().setId(id)).build());
  }

  boolean hasPong(int id) {
    return updates.stream().anyMatch(u -> u.hasPong() && u.getPong().getId() == id);
  }

  /** For a stalled subscription: start reading again. */
  void request(int messages) {
    call.request(messages);
  }

  void cancel() {
    call.cancel("test done", null);
  }
}
