package io.geyserindexer.ingestor.source;

import io.geyserindexer.proto.capture.CaptureWriter;
import io.geyserindexer.proto.geyser.SubscribeUpdate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the decoded stream, every update including pings, to a capture file the simulator can
 * serve again ({@code --replay-file}): real mainnet traffic captured once becomes a repeatable test
 * and benchmark input. A capture that fails to write is abandoned with one error line; it never
 * stops indexing.
 */
final class StreamCapture implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StreamCapture.class);
  private static final StreamCapture NONE = new StreamCapture(null, null);

  private final Path file;
  private CaptureWriter writer;

  private StreamCapture(Path file, CaptureWriter writer) {
    this.file = file;
    this.writer = writer;
  }

  /** A capture into {@code file} (created or truncated), or none when {@code file} is null. */
  static StreamCapture open(Path file) {
    if (file == null) {
      return NONE;
    }
    try {
      log.info("Capturing the raw Geyser stream to {}", file);
      return new StreamCapture(file, CaptureWriter.create(file));
    } catch (IOException e) {
      throw new UncheckedIOException("GEYSER_CAPTURE_FILE " + file + " cannot be written", e);
    }
  }

  synchronized void record(SubscribeUpdate update) {
    if (writer == null) {
      return;
    }
    try {
      writer.write(update);
    } catch (IOException e) {
      log.error("Capture to {} failed, capture stopped (indexing goes on): {}", file, e.toString());
      closeQuietly();
    }
  }

  @Override
  public synchronized void close() {
    if (writer != null) {
      log.info("Captured {} update(s) to {}", writer.written(), file);
      closeQuietly();
    }
  }

  private void closeQuietly() {
    try {
      writer.close();
    } catch (IOException e) {
      log.warn("Closing capture {} failed: {}", file, e.toString());
    }
    writer = null;
  }
}
