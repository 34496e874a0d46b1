package io.geyserindexer.runtime.metrics;

import java.util.Map;

/**
 * What {@code /health} answers: up or down, and the details that explain it (for example the
 * stream's connection state and the age of the last update). Details are rendered as JSON scalars.
 */
public record Health(boolean up, Map<String, Object> details) {

  public Health {
    details = Map.copyOf(details);
  }

  public static Health up(Map<String, Object> details) {
    return new Health(true, details);
  }

  public static Health down(Map<String, Object> details) {
    return new Health(false, details);
  }
}
