package io.geyserindexer.proto.capture;

import io.geyserindexer.proto.geyser.SubscribeUpdate;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Records a Geyser stream to a file: GZIP-compressed, length-delimited {@link SubscribeUpdate}
 * messages (protobuf's {@code writeDelimitedTo}), in the order received. {@link CaptureReader}
 * reads it back; a capture stays readable up to the last complete message if the writer dies. Not
 * thread-safe: one writer thread.
 */
public final class CaptureWriter implements AutoCloseable {

  private final OutputStream out;
  private long written;
  private boolean closed;

  private CaptureWriter(OutputStream out) {
    this.out = out;
  }

  /** Creates (or truncates) the file. */
  public static CaptureWriter create(Path file) throws IOException {
    return to(Files.newOutputStream(file));
  }

  /** Writes to a stream the writer then owns and closes. */
  public static CaptureWriter to(OutputStream stream) throws IOException {
    return new CaptureWriter(
        new GZIPOutputStream(new BufferedOutputStream(stream, 1 << 16), 1 << 16));
  }

  public void write(SubscribeUpdate update) throws IOException {
    if (closed) {
      throw new IOException("capture writer is closed");
    }
    update.writeDelimitedTo(out);
    written++;
  }

  /** Messages written so far. */
  public long written() {
    return written;
  }

  /** Pushes buffered bytes to the file (a sync point of the compressed stream). */
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      out.close();
    }
  }
}
