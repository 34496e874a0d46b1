package io.geyserindexer.ingestor.source;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.geyserindexer.ingestor.buffer.EventQueue;
import io.geyserindexer.ingestor.metrics.IngestorMetrics;
import io.geyserindexer.ingestor.parse.EventKind;
import io.geyserindexer.ingestor.parse.GeyserUpdateParser;
import io.geyserindexer.ingestor.parse.ParsedEvent;
import io.geyserindexer.ingestor.parse.UpdateParseException;
import io.geyserindexer.ingestor.publish.SlotProgress;
import io.geyserindexer.proto.geyser.SubscribeUpdate;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what each received message becomes: a ping to answer, a pong to count, an event for the
 * queue, or a counted skip (undecodable, malformed, or a kind the schema has no event for). Runs on
 * the gRPC callback thread, so it never blocks.
 */
final class UpdateRouter {

  private static final Logger log = LoggerFactory.getLogger(UpdateRouter.class);
  private static final long DROP_WARNING_INTERVAL_NANOS = 10_000_000_000L;

  private final GeyserUpdateParser parser = new GeyserUpdateParser();
  private final EventQueue queue;
  private final SlotProgress progress;
  private final IngestorMetrics metrics;
  private long lastDropWarningNanos;
  private long dropsSinceWarning;

  private final StreamCapture capture;

  UpdateRouter(
      EventQueue queue, SlotProgress progress, IngestorMetrics metrics, StreamCapture capture) {
    this.capture = capture;
    this.queue = queue;
    this.progress = progress;
    this.metrics = metrics;
  }

  void route(byte[] bytes, GeyserStream stream) {
    SubscribeUpdate update;
    try {
      update = GeyserUpdateParser.decode(bytes);
    } catch (InvalidProtocolBufferException e) {
      metrics.updateReceived(IngestorMetrics.UNDECODABLE);
      metrics.parseFailed(IngestorMetrics.UNDECODABLE);
      log.warn("Skipped an undecodable update of {} bytes: {}", bytes.length, e.getMessage());
      queue.skip(stream);
      return;
    }
    capture.record(update);
    String kind = GeyserUpdateParser.kindName(update);
    metrics.updateReceived(kind);
    switch (update.getUpdateOneofCase()) {
      case PING -> {
        stream.answerPing();
        metrics.pingAnswered();
        queue.skip(stream);
      }
      case PONG -> {
        metrics.pongReceived();
        queue.skip(stream);
      }
      default -> event(update, kind, stream);
    }
  }

  private void event(SubscribeUpdate update, String kind, GeyserStream stream) {
    ParsedEvent event;
    try {
      event = parser.parse(update, now());
    } catch (UpdateParseException e) {
      metrics.parseFailed(kind);
      log.warn(
          "Skipped a malformed {} update of slot {}: {}",
          kind,
          Long.toUnsignedString(e.slot()),
          e.getMessage());
      queue.skip(stream);
      return;
    }
    if (event == null) {
      metrics.unknownKind(kind);
      queue.skip(stream);
      return;
    }
    progress.received(event.slot());
    if (event.kind() == EventKind.SLOT_STATUS) {
      progress.statusReceived(event.slot());
    }
    metrics.slotSeen(event.slot());
    if (!queue.accept(stream, event)) {
      progress.discarded(event.slot());
      metrics.dropped(event.kind().tag());
      warnDropped();
    }
  }

  private void warnDropped() {
    dropsSinceWarning++;
    long now = System.nanoTime();
    if (lastDropWarningNanos == 0 || now - lastDropWarningNanos > DROP_WARNING_INTERVAL_NANOS) {
      log.warn(
          "Queue full: dropped {} event(s) since the last warning (policy drop; see"
              + " ingestor.events.dropped)",
          dropsSinceWarning);
      dropsSinceWarning = 0;
      lastDropWarningNanos = now;
    }
  }

  private static Timestamp now() {
    Instant now = Instant.now();
    return Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
  }
}
