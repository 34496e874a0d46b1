package io.geyserindexer.launcher.chaos;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One table's expected rows against the rows PostgreSQL returned. A row passes when it is there
 * exactly once; it fails when missing, when present but not expected (a wrong value shows as one
 * missing plus one unexpected row of the same key), or for each extra copy.
 */
record TableComparison(
    String table,
    int expected,
    int actual,
    int passed,
    List<String> missing,
    List<String> unexpected,
    int duplicated) {

  static TableComparison of(String table, Set<String> expected, List<String> actual) {
    Set<String> seen = new HashSet<>();
    int duplicated = 0;
    List<String> unexpected = new ArrayList<>();
    for (String row : actual) {
      if (!seen.add(row)) {
        duplicated++;
      } else if (!expected.contains(row)) {
        unexpected.add(row);
      }
    }
    List<String> missing = new ArrayList<>();
    int passed = 0;
    for (String row : expected) {
      if (seen.contains(row)) {
        passed++;
      } else {
        missing.add(row);
      }
    }
    missing.sort(null);
    unexpected.sort(null);
    return new TableComparison(
        table, expected.size(), actual.size(), passed, missing, unexpected, duplicated);
  }

  /** Every table of {@code expected}, in name order. */
  static List<TableComparison> all(
      Map<String, Set<String>> expected, Map<String, List<String>> actual) {
    List<TableComparison> out = new ArrayList<>();
    new TreeMap<>(expected)
        .forEach((table, rows) -> out.add(of(table, rows, actual.getOrDefault(table, List.of()))));
    return out;
  }

  int failed() {
    return missing.size() + unexpected.size() + duplicated;
  }

  /** {@code table: N passed, M failed (...)}, then up to {@code examples} failing rows. */
  String summary(int examples) {
    StringBuilder out =
        new StringBuilder(
            String.format(
                "%-15s %d passed, %d failed (expected %d, actual %d: missing %d, unexpected %d,"
                    + " duplicated %d)",
                table + ":",
                passed,
                failed(),
                expected,
                actual,
                missing.size(),
                unexpected.size(),
                duplicated));
    missing.stream().limit(examples).forEach(r -> out.append("\n    missing    ").append(r));
    unexpected.stream().limit(examples).forEach(r -> out.append("\n    unexpected ").append(r));
    return out.toString();
  }
}
