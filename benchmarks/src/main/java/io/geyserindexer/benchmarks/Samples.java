package io.geyserindexer.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Repeated measurements of one figure, reported as median with its range. */
final class Samples {

  private final List<Double> values = new ArrayList<>();

  void add(double value) {
    values.add(value);
  }

  double median() {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** {@code median [min–max] (n=k)}, or just the value for a single run. */
  String render() {
    if (values.isEmpty()) {
      return "n/a";
    }
    if (values.size() == 1) {
      return format(values.get(0)) + " (n=1)";
    }
    return format(median())
        + " ["
        + format(Collections.min(values))
        + "–"
        + format(Collections.max(values))
        + "] (n="
        + values.size()
        + ")";
  }

  static String format(double value) {
    return value >= 100
        ? String.format(Locale.ROOT, "%,.0f", value)
        : String.format(Locale.ROOT, "%,.2f", value);
  }
}
