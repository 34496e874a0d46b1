package io.geyserindexer.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stop-the-world pauses in a JVM's GC log (unified logging, {@code -Xlog:gc}): how many, their
 * total and the longest, in milliseconds. A pause stops every thread of that process, so a stall in
 * a run that lines up with one is explained by it.
 */
record GcPauses(int count, double totalMs, double longestMs) {

  /** {@code GC(12) Pause Young (Normal) (G1 Evacuation Pause) 57M->17M(80M) 248.996ms}. */
  private static final Pattern PAUSE = Pattern.compile("GC\\(\\d+\\) Pause .* ([0-9.]+)ms$");

  /** The pauses logged so far, or empty when the log cannot be read. */
  static Optional<GcPauses> of(Path gcLog) {
    try {
      return Optional.of(parse(Files.readString(gcLog)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static GcPauses parse(String log) {
    int count = 0;
    double total = 0;
    double longest = 0;
    for (String line : log.split("\n")) {
      Matcher pause = PAUSE.matcher(line.strip());
      if (pause.find()) {
        double ms = Double.parseDouble(pause.group(1));
        count++;
        total += ms;
        longest = Math.max(longest, ms);
      }
    }
    return new GcPauses(count, total, longest);
  }
}
