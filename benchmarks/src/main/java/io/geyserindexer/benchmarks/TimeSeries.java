package io.geyserindexer.benchmarks;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Per-second samples of a run: a time column (seconds since the run's start) and named value
 * columns; NaN marks a value that second did not have (e.g. latency without commits).
 */
final class TimeSeries {

  private final List<String> columns;
  private final List<double[]> rows = new ArrayList<>();

  TimeSeries(List<String> columns) {
    this.columns = List.copyOf(columns);
  }

  void add(double seconds, double... values) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException(
          "expected " + columns.size() + " values, got " + values.length);
    }
    double[] row = new double[values.length + 1];
    row[0] = seconds;
    System.arraycopy(values, 0, row, 1, values.length);
    rows.add(row);
  }

  List<String> columns() {
    return columns;
  }

  int size() {
    return rows.size();
  }

  double time(int row) {
    return rows.get(row)[0];
  }

  double value(int row, String column) {
    int index = columns.indexOf(column);
    if (index < 0) {
      throw new IllegalArgumentException("no column " + column + " in " + columns);
    }
    return rows.get(row)[index + 1];
  }

  void writeCsv(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("seconds," + String.join(",", columns) + "\n");
      for (double[] row : rows) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
          if (i > 0) {
            line.append(',');
          }
          line.append(Double.isNaN(row[i]) ? "" : String.format(Locale.ROOT, "%.3f", row[i]));
        }
        out.write(line.append('\n').toString());
      }
    }
  }
}
