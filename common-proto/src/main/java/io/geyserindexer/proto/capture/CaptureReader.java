package io.geyserindexer.proto.capture;

import io.geyserindexer.proto.geyser.SubscribeUpdate;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a capture written by {@link CaptureWriter}, one {@link SubscribeUpdate} at a time, so a
 * capture larger than memory can be replayed. A truncated or corrupt file raises an IOException
 * naming the message number; the messages before it were already returned.
 */
public final class CaptureReader implements AutoCloseable {

  private final InputStream in;
  private long read;

  private CaptureReader(InputStream in) {
    this.in = in;
  }

  public static CaptureReader open(Path file) throws IOException {
    return from(Files.newInputStream(file));
  }

  /** Reads from a stream the reader then owns and closes. */
  public static CaptureReader from(InputStream stream) throws IOException {
    try {
      return new CaptureReader(
          new GZIPInputStream(new BufferedInputStream(stream, 1 << 16), 1 << 16));
    } catch (ZipException | EOFException e) {
      stream.close();
      throw new IOException("not a capture file (expected GZIP data): " + e.getMessage(), e);
    }
  }

  /** The next update, or empty at the end of the capture. */
  public Optional<SubscribeUpdate> next() throws IOException {
    try {
      SubscribeUpdate update = SubscribeUpdate.parseDelimitedFrom(in);
      if (update != null) {
        read++;
      }
      return Optional.ofNullable(update);
    } catch (IOException e) {
      throw new IOException(
          "capture unreadable at message " + (read + 1) + ": " + e.getMessage(), e);
    }
  }

  /** Messages read so far. */
  public long read() {
    return read;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
