package io.geyserindexer.persister.config;

/** A setting that cannot be used; the message names it and is printed as the one error line. */
public final class InvalidSettingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InvalidSettingException(String setting, String problem) {
    super("invalid setting " + setting + ": " + problem);
  }
}
