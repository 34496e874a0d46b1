package io.geyserindexer.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.geyserindexer.launcher.e2e.TopicEvents.Event;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares thousands of records in linear time (AssertJ's list assertions are quadratic) and, on a
 * mismatch, names a few of the missing and unexpected records instead of printing all of them.
 */
final class EventComparison {

  private static final int SHOWN = 5;

  private EventComparison() {}

  /** Same records, each exactly as often: one uninterrupted stream, no replays. */
  static void assertSameMultiset(Collection<Event> got, Collection<Event> expected) {
    Map<Event, Integer> have = counts(got);
    Map<Event, Integer> want = counts(expected);
    List<String> wrong =
        union(have.keySet(), want.keySet()).stream()
            .filter(e -> !have.getOrDefault(e, 0).equals(want.getOrDefault(e, 0)))
            .map(
                e ->
                    have.getOrDefault(e, 0)
                        + " x got, "
                        + want.getOrDefault(e, 0)
                        + " x expected: "
                        + e)
            .toList();
    assertThat(wrong.subList(0, Math.min(SHOWN, wrong.size())))
        .as(
            "%d record(s) differ in count out of %d expected; first ones",
            wrong.size(), expected.size())
        .isEmpty();
  }

  /** Same distinct records; duplicates (replayed slots) allowed on either side. */
  static void assertSameSet(Collection<Event> got, Collection<Event> expected) {
    assertContains(got, expected);
    assertContains(expected, got);
  }

  /** Every record of {@code wanted} is in {@code within}. */
  static void assertContains(Collection<Event> within, Collection<Event> wanted) {
    Set<Event> have = new HashSet<>(within);
    List<Event> missing = wanted.stream().filter(e -> !have.contains(e)).distinct().toList();
    assertThat(missing.subList(0, Math.min(SHOWN, missing.size())))
        .as("%d of %d record(s) missing; first ones", missing.size(), wanted.size())
        .isEmpty();
  }

  private static Map<Event, Integer> counts(Collection<Event> events) {
    Map<Event, Integer> counts = new HashMap<>();
    events.forEach(e -> counts.merge(e, 1, Integer::sum));
    return counts;
  }

  private static Set<Event> union(Set<Event> a, Set<Event> b) {
    Set<Event> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }
}
