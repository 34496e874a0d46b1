package io.geyserindexer.persister.write;

/**
 * The one rule for U+0000, which PostgreSQL text, text[] and jsonb cannot hold: U+2400 (SYMBOL FOR
 * NULL) is an escape character, U+0000 is written as {@code "\u24000"} and a literal U+2400 as
 * {@code "\u2400\u2400"}. Every other character is kept, so the rule is lossless and invisible for
 * text that holds neither character. Every text value the persister writes passes through {@link
 * #encode}; the migration V1 documents the same rule for users.
 */
public final class NulEscape {

  /** The escape character, U+2400 SYMBOL FOR NULL. */
  public static final char ESCAPE = '\u2400';

  private NulEscape() {}

  /** The storable form of {@code text}; null stays null. */
  public static String encode(String text) {
    if (text == null || (text.indexOf('\0') < 0 && text.indexOf(ESCAPE) < 0)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\0') {
        out.append(ESCAPE).append('0');
      } else if (c == ESCAPE) {
        out.append(ESCAPE).append(ESCAPE);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * The original text of a stored value.
   *
   * @throws IllegalArgumentException when {@code stored} was not produced by {@link #encode}
   */
  public static String decode(String stored) {
    if (stored == null || stored.indexOf(ESCAPE) < 0) {
      return stored;
    }
    StringBuilder out = new StringBuilder(stored.length());
    for (int i = 0; i < stored.length(); i++) {
      char c = stored.charAt(i);
      if (c != ESCAPE) {
        out.append(c);
        continue;
      }
      char next = i + 1 < stored.length() ? stored.charAt(i + 1) : 'x';
      if (next == '0') {
        out.append('\0');
      } else if (next == ESCAPE) {
        out.append(ESCAPE);
      } else {
        throw new IllegalArgumentException("dangling U+2400 escape at index " + i);
      }
      i++;
    }
    return out.toString();
  }
}
