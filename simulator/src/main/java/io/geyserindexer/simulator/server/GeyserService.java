package io.geyserindexer.simulator.server;

import io.geyserindexer.proto.geyser.CommitmentLevel;
import io.geyserindexer.proto.geyser.GetSlotRequest;
import io.geyserindexer.proto.geyser.GetSlotResponse;
import io.geyserindexer.proto.geyser.GetVersionRequest;
import io.geyserindexer.proto.geyser.GetVersionResponse;
import io.geyserindexer.proto.geyser.GeyserGrpc;
import io.geyserindexer.proto.geyser.PingRequest;
import io.geyserindexer.proto.geyser.PongResponse;
import io.geyserindexer.proto.geyser.SubscribeReplayInfoRequest;
import io.geyserindexer.proto.geyser.SubscribeReplayInfoResponse;
import io.geyserindexer.proto.geyser.SubscribeRequest;
import io.geyserindexer.proto.geyser.SubscribeUpdate;
import io.geyserindexer.simulator.filter.FilterException;
import io.geyserindexer.simulator.filter.SubscriptionFilter;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Geyser service: Subscribe (bidi) plus SubscribeReplayInfo, Ping, GetSlot and GetVersion.
 * GetLatestBlockhash, GetBlockHeight and IsBlockhashValid answer UNIMPLEMENTED.
 */
final class GeyserService extends GeyserGrpc.GeyserImplBase {

  private final SlotBroadcaster broadcaster;
  private final ServerSettings settings;
  private final Runnable transportCut;
  private final AtomicLong sessionIds = new AtomicLong();

  GeyserService(SlotBroadcaster broadcaster, ServerSettings settings, Runnable transportCut) {
    this.broadcaster = broadcaster;
    this.settings = settings;
    this.transportCut = transportCut;
  }

  @Override
  public StreamObserver<SubscribeRequest> subscribe(StreamObserver<SubscribeUpdate> responses) {
    ServerCallStreamObserver<SubscribeUpdate> observer =
        (ServerCallStreamObserver<SubscribeUpdate>) responses;
    GeyserSession[] holder = new GeyserSession[1];
    GeyserSession session =
        new GeyserSession(
            sessionIds.incrementAndGet(),
            observer,
            settings.queueCapacity(),
            settings.chaos(),
            settings.chaosSeed(),
            () -> broadcaster.unregister(holder[0]),
            transportCut);
    holder[0] = session;
    broadcaster.register(session);
    Thread drain = new Thread(session, "geyser-session-" + session.id());
    drain.setDaemon(true);
    drain.start();
    return new StreamObserver<>() {
      @Override
      public void onNext(SubscribeRequest request) {
        if (request.hasPing()) {
          // Ping-only handling: answer, keep the current filter.
          session.pong(request.getPing().getId());
          return;
        }
        try {
          SubscriptionFilter filter = SubscriptionFilter.compile(request);
          OptionalLong from =
              request.hasFromSlot() ? OptionalLong.of(request.getFromSlot()) : OptionalLong.empty();
          broadcaster.apply(session, filter, from);
        } catch (FilterException e) {
          session.end(
              Status.INVALID_ARGUMENT.withDescription(
                  "failed to create filter: " + e.getMessage()));
        } catch (StatusException e) {
          session.end(e.getStatus());
        }
      }

      @Override
      public void onError(Throwable t) {
        session.end(Status.CANCELLED.withDescription("client error"));
      }

      @Override
      public void onCompleted() {
        // Half-close does not stop the update stream (upstream fix #670).
      }
    };
  }

  @Override
  public void subscribeReplayInfo(
      SubscribeReplayInfoRequest request, StreamObserver<SubscribeReplayInfoResponse> response) {
    SubscribeReplayInfoResponse.Builder out = SubscribeReplayInfoResponse.newBuilder();
    if (broadcaster.replayEnabled()) {
      // u64::MAX before any slot is stored, as upstream.
      out.setFirstAvailable(broadcaster.firstAvailable().orElse(-1L));
    }
    response.onNext(out.build());
    response.onCompleted();
  }

  @Override
  public void ping(PingRequest request, StreamObserver<PongResponse> response) {
    response.onNext(PongResponse.newBuilder().setCount(request.getCount()).build());
    response.onCompleted();
  }

  @Override
  public void getSlot(GetSlotRequest request, StreamObserver<GetSlotResponse> response) {
    CommitmentLevel level =
        request.hasCommitment() ? request.getCommitment() : CommitmentLevel.PROCESSED;
    if (level == CommitmentLevel.UNRECOGNIZED) {
      response.onError(
          Status.INVALID_ARGUMENT
              .withDescription(
                  "failed to create CommitmentLevel from " + request.getCommitmentValue())
              .asRuntimeException());
      return;
    }
    OptionalLong slot = broadcaster.latest(level);
    if (slot.isEmpty()) {
      response.onError(
          Status.INTERNAL.withDescription("block is not available yet").asRuntimeException());
      return;
    }
    response.onNext(GetSlotResponse.newBuilder().setSlot(slot.getAsLong()).build());
    response.onCompleted();
  }

  @Override
  public void getVersion(GetVersionRequest request, StreamObserver<GetVersionResponse> response) {
    response.onNext(GetVersionResponse.newBuilder().setVersion(VersionText.json()).build());
    response.onCompleted();
  }
}
