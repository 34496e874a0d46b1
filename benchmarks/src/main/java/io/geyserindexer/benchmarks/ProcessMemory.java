package io.geyserindexer.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process's resident memory from {@code /proc/<pid>/status}: the current resident set (VmRSS) and
 * its high-water mark since the process started (VmHWM), in kibibytes.
 */
record ProcessMemory(long rssKb, long peakKb) {

  /** The figures of a live process, or empty when it is gone (or this is not Linux). */
  static Optional<ProcessMemory> of(long pid) {
    try {
      return Optional.of(parse(Files.readString(Path.of("/proc", Long.toString(pid), "status"))));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static ProcessMemory parse(String status) {
    long rss = -1;
    long hwm = -1;
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        rss = kibibytes(line);
      } else if (line.startsWith("VmHWM:")) {
        hwm = kibibytes(line);
      }
    }
    if (rss < 0 || hwm < 0) {
      throw new IllegalArgumentException("no VmRSS/VmHWM lines in the status text");
    }
    return new ProcessMemory(rss, hwm);
  }

  /** {@code "VmRSS:\t 123456 kB"} to 123456. */
  private static long kibibytes(String line) {
    String[] fields = line.substring(line.indexOf(':') + 1).strip().split("\\s+");
    if (fields.length != 2 || !fields[1].equals("kB")) {
      throw new IllegalArgumentException("unexpected memory line: " + line);
    }
    return Long.parseLong(fields[0]);
  }
}
