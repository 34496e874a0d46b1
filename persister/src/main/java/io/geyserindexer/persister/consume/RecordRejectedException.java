package io.geyserindexer.persister.consume;

/**
 * A record that can never be written: undecodable, of an unknown schema version, or carrying a
 * value the decoder already knows the schema rejects. {@link #reason()} is the low-cardinality
 * metrics tag.
 */
public final class RecordRejectedException extends Exception {

  private static final long serialVersionUID = 1L;
  private final String reason;

  public RecordRejectedException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
