package io.geyserindexer.ingestor.parse;

/** The kinds of event the ingestor publishes, each to its own topic {@code <prefix>.<suffix>}. */
public enum EventKind {
  SLOT_STATUS("slots"),
  BLOCK_META("blocks"),
  TRANSACTION("transactions"),
  ACCOUNT_UPDATE("accounts"),
  TRANSACTION_STATUS("transaction_status"),
  ENTRY("entries");

  private final String topicSuffix;

  EventKind(String topicSuffix) {
    this.topicSuffix = topicSuffix;
  }

  public String topicSuffix() {
    return topicSuffix;
  }

  /** The topic this kind goes to under {@code prefix}. */
  public String topic(String prefix) {
    return prefix + "." + topicSuffix;
  }

  /** A lowercase name for metric tags and logs. */
  public String tag() {
    return topicSuffix;
  }
}
