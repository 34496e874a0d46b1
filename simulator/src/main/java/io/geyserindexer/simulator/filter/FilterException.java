package io.geyserindexer.simulator.filter;

/** A subscription request the server rejects; the text follows upstream's wording. */
public final class FilterException extends Exception {

  private static final long serialVersionUID = 1L;

  public FilterException(String message) {
    super(message);
  }
}
