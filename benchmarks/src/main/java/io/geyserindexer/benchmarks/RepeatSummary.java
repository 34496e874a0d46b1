package io.geyserindexer.benchmarks;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headline figures of a scenario run several times, each kept as {@link Samples} in the order
 * first recorded, printed as one table of medians with their ranges.
 */
final class RepeatSummary {

  private final String title;
  private final Map<String, Samples> figures = new LinkedHashMap<>();
  private int runs;
  private int meeting;

  RepeatSummary(String title) {
    this.title = title;
  }

  void record(String figure, double value) {
    figures.computeIfAbsent(figure, f -> new Samples()).add(value);
  }

  /** Counts one finished run and whether it met the scenario's goal. */
  void runEnded(boolean meetsGoal) {
    runs++;
    if (meetsGoal) {
      meeting++;
    }
  }

  void print(PrintStream out) {
    out.println();
    out.println("#### " + title + ": median [range] over " + runs + " run(s)");
    out.println();
    out.println("| figure | median [range] |");
    out.println("|---|---|");
    figures.forEach(
        (figure, samples) -> out.println("| " + figure + " | " + samples.render() + " |"));
    out.println("| runs meeting the goal | " + meeting + " of " + runs + " |");
    out.flush();
  }
}
