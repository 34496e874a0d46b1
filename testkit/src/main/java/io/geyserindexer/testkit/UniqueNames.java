package io.geyserindexer.testkit;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Short unique names for topics, consumer groups and databases, so that two runs of the suite, even
 * at the same time against the same broker and server, never share state.
 */
public final class UniqueNames {

  private UniqueNames() {}

  /** {@code hint} reduced to {@code [a-z0-9-]}, at most 24 characters, plus a random suffix. */
  public static String of(String hint) {
    String base = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    base = base.replaceAll("^-+|-+$", "");
    if (base.length() > 24) {
      base = base.substring(0, 24);
    }
    if (base.isEmpty()) {
      base = "t";
    }
    return base + "-" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 24, 36);
  }

  /** Like {@link #of} but with underscores, as an unquoted SQL identifier needs. */
  public static String sqlIdentifier(String hint) {
    String name = of(hint).replace('-', '_');
    return Character.isLetter(name.charAt(0)) ? name : "t_" + name;
  }
}
