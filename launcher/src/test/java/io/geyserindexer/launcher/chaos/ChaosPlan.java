package io.geyserindexer.launcher.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The faults of one chaos run and when they happen, drawn from a seed so a failing run can be
 * repeated exactly. Times are offsets from the start of the traffic window and scale with its
 * length. Database cuts fall one in each half of the window so they never overlap; every other
 * fault is uniform over the window. A cut is always followed by its restore.
 */
record ChaosPlan(List<Fault> faults) {

  enum Kind {
    KILL_PERSISTER,
    KILL_INGESTOR,
    RESTART_BROKER,
    CUT_DATABASE,
    RESTORE_DATABASE,
    CUT_STREAM,
    RESTORE_STREAM
  }

  record Fault(Duration at, Kind kind) {}

  /**
   * How many faults of each kind, and how long a database cut lasts.
   *
   * @param streamDownMax a stream cut is restored after a random time up to this
   */
  record Counts(
      int persisterKills,
      int ingestorKills,
      int brokerRestarts,
      int databaseCuts,
      Duration databaseDown,
      int streamCuts,
      Duration streamDownMax) {

    /** The issue's schedule: 10, 5, 2, 2 x 15 s, 20. */
    static Counts issueSix() {
      return new Counts(10, 5, 2, 2, Duration.ofSeconds(15), 20, Duration.ofMillis(1500));
    }
  }

  ChaosPlan {
    faults = List.copyOf(faults);
  }

  static ChaosPlan of(long seed, Duration window, Counts counts) {
    long w = window.toMillis();
    long down = counts.databaseDown().toMillis();
    long slice = w / Math.max(1, counts.databaseCuts());
    if (counts.databaseCuts() > 0 && slice < down + w / 10) {
      throw new IllegalArgumentException(
          "a window of "
              + window
              + " has no room for "
              + counts.databaseCuts()
              + " cuts of "
              + counts.databaseDown());
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<Fault> out = new ArrayList<>();
    uniform(out, random, w, counts.persisterKills(), Kind.KILL_PERSISTER);
    uniform(out, random, w, counts.ingestorKills(), Kind.KILL_INGESTOR);
    uniform(out, random, w, counts.brokerRestarts(), Kind.RESTART_BROKER);
    for (int i = 0; i < counts.databaseCuts(); i++) {
      // Inside slice i, leaving 5% of the window free on either side of the cut.
      long earliest = i * slice + w / 20;
      long latest = (i + 1) * slice - down - w / 20;
      long at = earliest + random.nextLong(Math.max(1, latest - earliest));
      out.add(new Fault(Duration.ofMillis(at), Kind.CUT_DATABASE));
      out.add(new Fault(Duration.ofMillis(at + down), Kind.RESTORE_DATABASE));
    }
    long streamDown = Math.max(2, counts.streamDownMax().toMillis());
    // One stream cut per equal slice of [5%, 90%] of the window, restored inside its slice, so no
    // two cuts overlap and each one can end a live stream.
    long span = w * 85 / 100 / Math.max(1, counts.streamCuts());
    for (int i = 0; i < counts.streamCuts(); i++) {
      long cutFor = 1 + random.nextLong(Math.max(1, Math.min(streamDown, span / 2)));
      long at = w / 20 + i * span + random.nextLong(Math.max(1, span - cutFor));
      out.add(new Fault(Duration.ofMillis(at), Kind.CUT_STREAM));
      out.add(new Fault(Duration.ofMillis(at + cutFor), Kind.RESTORE_STREAM));
    }
    out.sort(Comparator.comparing(Fault::at));
    return new ChaosPlan(out);
  }

  Map<Kind, Integer> countByKind() {
    Map<Kind, Integer> out = new EnumMap<>(Kind.class);
    for (Kind kind : Kind.values()) {
      out.put(kind, 0);
    }
    faults.forEach(f -> out.merge(f.kind(), 1, Integer::sum));
    return out;
  }

  private static void uniform(List<Fault> out, SplittableRandom random, long w, int n, Kind kind) {
    for (int i = 0; i < n; i++) {
      out.add(new Fault(Duration.ofMillis(at(random, w)), kind));
    }
  }

  /** Uniform in [5%, 90%] of the window: faults hit a pipeline that is running, not starting. */
  private static long at(SplittableRandom random, long w) {
    return w / 20 + random.nextLong(Math.max(1, w * 85 / 100));
  }
}
