package io.geyserindexer.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One scrape of a Prometheus text exposition (version 0.0.4), as the processes' /metrics serve it:
 * every sample line with its name, labels and value. Comments and timestamps are ignored.
 */
final class PrometheusText {

  record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples;

  private PrometheusText(List<Sample> samples) {
    this.samples = List.copyOf(samples);
  }

  static PrometheusText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    int lineNumber = 0;
    for (String raw : text.split("\n")) {
      lineNumber++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        samples.add(parseLine(line));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "bad Prometheus sample on line "
                + lineNumber
                + ": "
                + line
                + " ("
                + e.getMessage()
                + ")",
            e);
      }
    }
    return new PrometheusText(samples);
  }

  List<Sample> samples(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).toList();
  }

  boolean has(String name) {
    return samples.stream().anyMatch(s -> s.name().equals(name));
  }

  /** Sum of every series of {@code name}; 0 when there is none. */
  double sum(String name) {
    return sum(name, labels -> true);
  }

  /** Sum of the series of {@code name} whose labels pass {@code filter}. */
  double sum(String name, Predicate<Map<String, String>> filter) {
    return samples.stream()
        .filter(s -> s.name().equals(name) && filter.test(s.labels()))
        .mapToDouble(Sample::value)
        .sum();
  }

  private static Sample parseLine(String line) {
    int brace = line.indexOf('{');
    int space = line.indexOf(' ');
    Map<String, String> labels = new LinkedHashMap<>();
    String name;
    int rest;
    if (brace >= 0 && (space < 0 || brace < space)) {
      name = line.substring(0, brace);
      rest = parseLabels(line, brace + 1, labels);
    } else {
      if (space < 0) {
        throw new IllegalArgumentException("no value");
      }
      name = line.substring(0, space);
      rest = space;
    }
    String[] fields = line.substring(rest).strip().split("\\s+");
    if (name.isEmpty() || fields.length == 0 || fields[0].isEmpty()) {
      throw new IllegalArgumentException("no name or value");
    }
    return new Sample(name, labels, parseValue(fields[0]));
  }

  /** Reads {@code a="x",b="y"}} from {@code from}; returns the index after the closing brace. */
  private static int parseLabels(String line, int from, Map<String, String> labels) {
    int i = from;
    while (true) {
      while (i < line.length() && (line.charAt(i) == ',' || line.charAt(i) == ' ')) {
        i++;
      }
      if (i >= line.length()) {
        throw new IllegalArgumentException("unclosed labels");
      }
      if (line.charAt(i) == '}') {
        return i + 1;
      }
      int eq = line.indexOf('=', i);
      if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
        throw new IllegalArgumentException("label without a quoted value");
      }
      String key = line.substring(i, eq).strip();
      StringBuilder value = new StringBuilder();
      int j = eq + 2;
      while (true) {
        if (j >= line.length()) {
          throw new IllegalArgumentException("unterminated label value");
        }
        char c = line.charAt(j);
        if (c == '"') {
          break;
        }
        if (c == '\\' && j + 1 < line.length()) {
          char next = line.charAt(++j);
          value.append(next == 'n' ? '\n' : next);
        } else {
          value.append(c);
        }
        j++;
      }
      labels.put(key, value.toString());
      i = j + 1;
    }
  }

  private static double parseValue(String text) {
    return switch (text) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(text);
    };
  }
}
