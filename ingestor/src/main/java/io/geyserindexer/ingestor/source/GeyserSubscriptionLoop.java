package io.geyserindexer.ingestor.source;

import io.geyserindexer.ingestor.FatalError;
import io.geyserindexer.ingestor.buffer.EventQueue;
import io.geyserindexer.ingestor.config.GeyserConfig;
import io.geyserindexer.ingestor.metrics.IngestorMetrics;
import io.geyserindexer.ingestor.publish.SlotProgress;
import io.geyserindexer.proto.geyser.GeyserGrpc;
import io.geyserindexer.proto.geyser.SubscribeReplayInfoRequest;
import io.geyserindexer.proto.geyser.SubscribeReplayInfoResponse;
import io.geyserindexer.proto.geyser.SubscribeRequest;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one Geyser subscription open for the life of the process: opens a stream, waits for it to
 * end, and reopens it with backoff and jitter, resuming at {@code from_slot} = the slot {@link
 * SlotProgress} says is not yet wholly in Kafka. When the server can no longer replay that slot
 * (OUT_OF_RANGE) it continues from the oldest slot the server still has and reports the gap.
 */
public final class GeyserSubscriptionLoop implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(GeyserSubscriptionLoop.class);

  /** Codes a retry cannot fix: the subscription or credentials are wrong. */
  private static final Set<Status.Code> FATAL =
      Set.of(
          Status.Code.UNAUTHENTICATED,
          Status.Code.PERMISSION_DENIED,
          Status.Code.INVALID_ARGUMENT,
          Status.Code.UNIMPLEMENTED);

  private final Channel channel;
  private final GeyserConfig config;
  private final SubscribeRequest subscription;
  private final EventQueue queue;
  private final SlotProgress progress;
  private final IngestorMetrics metrics;
  private final FatalError fatal;
  private final StreamCapture capture;
  private final UpdateRouter router;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean stopping;
  private Long floorSlot;
  private boolean replayDisabled;

  /**
   * @param startSlot the slot to start from (found in Kafka at start-up), or null for live
   */
  public GeyserSubscriptionLoop(
      Channel channel,
      GeyserConfig config,
      SubscribeRequest subscription,
      EventQueue queue,
      SlotProgress progress,
      IngestorMetrics metrics,
      FatalError fatal,
      Long startSlot) {
    this.channel = channel;
    this.config = config;
    this.subscription = subscription;
    this.queue = queue;
    this.progress = progress;
    this.metrics = metrics;
    this.fatal = fatal;
    this.capture = StreamCapture.open(config.captureFile());
    this.router = new UpdateRouter(queue, progress, metrics, capture);
    this.floorSlot = startSlot;
  }

  /**
   * The backoff attempt for the reconnect after {@code outcome}. A stream that carried messages was
   * accepted by a working server: its end (a server that dropped us as lagged, a restart, a proxy
   * cut) is not a connect failure, and waiting longer each time would only let the slots we must
   * resume from fall out of the server's replay window. Only streams that end without a single
   * message, and have not lived {@code healthyAfter}, climb the backoff.
   */
  static int nextAttempt(int attempt, GeyserStream.Outcome outcome, Duration healthyAfter) {
    boolean healthy = outcome.messages() > 0 || outcome.lived().compareTo(healthyAfter) >= 0;
    return healthy ? 1 : attempt + 1;
  }

  @Override
  public void run() {
    int attempt = 0;
    try {
      while (!stopping && !fatal.isRaised()) {
        Long from = fromSlot();
        GeyserStream stream = new GeyserStream(channel, queue, router);
        log.info(
            "Subscribing to {} {}",
            config,
            from == null ? "live" : "from slot " + Long.toUnsignedString(from));
        stream.open(
            from == null ? subscription : subscription.toBuilder().setFromSlot(from).build());
        metrics.streamConnected(true);
        GeyserStream.Outcome outcome = stream.await(config.silenceTimeout(), this::shouldStop);
        metrics.streamConnected(false);
        if (shouldStop()) {
          break;
        }
        Status status = outcome.status();
        if (status.getCode() == Status.Code.OUT_OF_RANGE && from != null) {
          skipToOldestReplayable(from);
          continue;
        }
        if (isReplayDisabled(status) && from != null) {
          replayDisabled = true;
          log.error(
              "The server has replay disabled (from_slot not supported): continuing live; slots"
                  + " from {} up to the first live slot may be missing",
              Long.toUnsignedString(from));
          continue;
        }
        if (FATAL.contains(status.getCode())) {
          fatal.raise("Geyser server refused the subscription: " + describe(status));
          break;
        }
        attempt = nextAttempt(attempt, outcome, config.healthyAfter());
        Duration delay = config.backoff().delay(attempt);
        metrics.reconnected();
        log.warn(
            "Geyser stream ended after {} message(s){}: {}; reconnecting in {} ms",
            outcome.messages(),
            outcome.silent() ? " (silent too long)" : "",
            describe(status),
            delay.toMillis());
        if (stopped.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      fatal.raise("Geyser subscription loop failed: " + e);
    } finally {
      metrics.streamConnected(false);
      capture.close();
    }
  }

  /** Stops reading: the open stream is cancelled and no new one is opened. */
  public void stop() {
    stopping = true;
    stopped.countDown();
  }

  private boolean shouldStop() {
    return stopping || fatal.isRaised();
  }

  /** The resume slot minus the overlap margin, never below a slot the server said it lacks. */
  private Long fromSlot() {
    if (replayDisabled) {
      return null;
    }
    OptionalLong resume = progress.resumeSlot();
    Long from = floorSlot;
    if (resume.isPresent()) {
      long withOverlap = Math.max(0, resume.getAsLong() - config.resumeOverlapSlots());
      from = floorSlot == null ? withOverlap : Math.max(floorSlot, withOverlap);
    }
    return from;
  }

  private void skipToOldestReplayable(long from) {
    SubscribeReplayInfoResponse info;
    try {
      info =
          GeyserGrpc.newBlockingStub(channel)
              .withDeadlineAfter(10, TimeUnit.SECONDS)
              .subscribeReplayInfo(SubscribeReplayInfoRequest.getDefaultInstance());
    } catch (StatusRuntimeException e) {
      log.warn("SubscribeReplayInfo failed ({}); retrying live", describe(e.getStatus()));
      replayDisabled = true;
      return;
    }
    if (!info.hasFirstAvailable()) {
      replayDisabled = true;
      log.error(
          "GAP: slot {} is not replayable and the server keeps no replay; continuing live",
          Long.toUnsignedString(from));
      return;
    }
    long first = info.getFirstAvailable();
    long lost = Math.max(0, first - from);
    metrics.gap(lost);
    log.error(
        "GAP: slots {}..{} ({} slot(s)) are no longer replayable; continuing from slot {}",
        Long.toUnsignedString(from),
        Long.toUnsignedString(first - 1),
        lost,
        Long.toUnsignedString(first));
    floorSlot = first;
  }

  private static boolean isReplayDisabled(Status status) {
    return status.getCode() == Status.Code.INTERNAL
        && status.getDescription() != null
        && status.getDescription().contains("from_slot is not supported");
  }

  private static String describe(Status status) {
    return status.getCode()
        + (status.getDescription() == null ? "" : " " + status.getDescription())
        + (status.getCause() == null ? "" : " (" + status.getCause() + ")");
  }
}
