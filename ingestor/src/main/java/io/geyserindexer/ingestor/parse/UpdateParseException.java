package io.geyserindexer.ingestor.parse;

/** An update that cannot become an event: it is counted, logged once and skipped. */
public final class UpdateParseException extends Exception {

  private final String kind;
  private final long slot;

  public UpdateParseException(String kind, long slot, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.slot = slot;
  }

  public UpdateParseException(String kind, long slot, String message) {
    this(kind, slot, message, null);
  }

  /** The update kind as named by the wire protocol (account, transaction, ...). */
  public String kind() {
    return kind;
  }

  /** The slot the update claimed, unsigned; -1 (u64 max) when not even that could be read. */
  public long slot() {
    return slot;
  }
}
