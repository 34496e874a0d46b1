package io.geyserindexer.ingestor.metrics;

import io.geyserindexer.ingestor.parse.EventKind;
import io.geyserindexer.proto.geyser.SubscribeUpdate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * Every meter of the ingestor, named in one place. Tags are low-cardinality: the update kind (a
 * handful of wire names) or the event topic suffix.
 */
public final class IngestorMetrics {

  private volatile DoubleSupplier queueFullSeconds;

  /** The kind tag of a message that could not be decoded at all. */
  public static final String UNDECODABLE = "undecodable";

  private final MeterRegistry registry;
  private final Map<String, Counter> received = new ConcurrentHashMap<>();
  private final Map<String, Counter> parseFailures = new ConcurrentHashMap<>();
  private final Map<String, Counter> unknown = new ConcurrentHashMap<>();
  private final Map<String, Counter> dropped = new ConcurrentHashMap<>();
  private final Map<String, Counter> produced = new ConcurrentHashMap<>();
  private final Counter produceErrors;
  private final Timer produceLatency;
  private final Counter reconnects;
  private final Counter gapSlots;
  private final Counter pingsAnswered;
  private final Counter pongsReceived;
  private final AtomicLong lastSlotSeen = new AtomicLong(-1);
  private final AtomicLong lastSlotProduced = new AtomicLong(-1);
  private final AtomicLong connected = new AtomicLong();
  private final AtomicLong lastUpdateNanos = new AtomicLong(System.nanoTime());

  public IngestorMetrics(MeterRegistry registry) {
    this.registry = registry;
    produceErrors =
        Counter.builder("ingestor.produce.errors")
            .description("Sends Kafka failed after the producer's own retries")
            .register(registry);
    produceLatency =
        Timer.builder("ingestor.produce.latency")
            .description("From handing an event to the producer to Kafka's acknowledgement")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    reconnects =
        Counter.builder("ingestor.stream.reconnects")
            .description("Geyser streams reopened after an end or error")
            .register(registry);
    gapSlots =
        Counter.builder("ingestor.gap.slots")
            .description("Slots lost because the server could no longer replay them")
            .register(registry);
    pingsAnswered =
        Counter.builder("ingestor.pings.answered")
            .description("Server pings answered with a ping request")
            .register(registry);
    pongsReceived = Counter.builder("ingestor.pongs.received").register(registry);
    Gauge.builder("ingestor.slot.last.seen", lastSlotSeen, AtomicLong::get).register(registry);
    Gauge.builder("ingestor.slot.last.produced", lastSlotProduced, AtomicLong::get)
        .description("Highest slot with an event acknowledged by Kafka")
        .register(registry);
    Gauge.builder("ingestor.stream.connected", connected, AtomicLong::get).register(registry);
    // Tagged counters start at zero for every known tag, so a dashboard or alert sees the series
    // (drops, parse failures) before the first occurrence rather than "no data".
    for (EventKind kind : EventKind.values()) {
      dropped(kind.tag(), 0);
      counter(produced, "ingestor.produce.acknowledged", "topic", kind.tag());
    }
    for (SubscribeUpdate.UpdateOneofCase kind : SubscribeUpdate.UpdateOneofCase.values()) {
      if (kind != SubscribeUpdate.UpdateOneofCase.UPDATEONEOF_NOT_SET) {
        String tag = kind.name().toLowerCase(Locale.ROOT);
        counter(received, "ingestor.updates.received", "kind", tag);
        counter(parseFailures, "ingestor.parse.failures", "kind", tag);
      }
    }
    counter(received, "ingestor.updates.received", "kind", UNDECODABLE);
    counter(parseFailures, "ingestor.parse.failures", "kind", UNDECODABLE);
  }

  /** Registers the queue gauges; called once the queue exists. */
  public void bindQueue(DoubleSupplier depth, int capacity, DoubleSupplier fullSeconds) {
    // Micrometer holds a function counter's object weakly: without this field the supplier could
    // be collected and the counter would freeze at its last value.
    this.queueFullSeconds = fullSeconds;
    Gauge.builder("ingestor.queue.depth", depth::getAsDouble).register(registry);
    Gauge.builder("ingestor.queue.capacity", () -> capacity).register(registry);
    FunctionCounter.builder("ingestor.queue.full.seconds", fullSeconds, DoubleSupplier::getAsDouble)
        .description("Time spent with a full queue (backpressure engaged)")
        .register(registry);
  }

  public void updateReceived(String kind) {
    lastUpdateNanos.set(System.nanoTime());
    counter(received, "ingestor.updates.received", "kind", kind).increment();
  }

  public void parseFailed(String kind) {
    counter(parseFailures, "ingestor.parse.failures", "kind", kind).increment();
  }

  public void unknownKind(String kind) {
    counter(unknown, "ingestor.updates.unknown", "kind", kind).increment();
  }

  public void dropped(String topicSuffix) {
    dropped(topicSuffix, 1);
  }

  private void dropped(String topicSuffix, int count) {
    counter(dropped, "ingestor.events.dropped", "topic", topicSuffix).increment(count);
  }

  public void produced(String topicSuffix, long latencyNanos) {
    counter(produced, "ingestor.produce.acknowledged", "topic", topicSuffix).increment();
    produceLatency.record(latencyNanos, TimeUnit.NANOSECONDS);
  }

  public void produceFailed() {
    produceErrors.increment();
  }

  public void reconnected() {
    reconnects.increment();
  }

  public void gap(long slots) {
    gapSlots.increment(slots);
  }

  public void pingAnswered() {
    pingsAnswered.increment();
  }

  public void pongReceived() {
    pongsReceived.increment();
  }

  public void slotSeen(long slot) {
    lastSlotSeen.accumulateAndGet(slot, Math::max);
  }

  public void slotProduced(long slot) {
    lastSlotProduced.accumulateAndGet(slot, Math::max);
  }

  public void streamConnected(boolean up) {
    connected.set(up ? 1 : 0);
  }

  public boolean isStreamConnected() {
    return connected.get() == 1;
  }

  /** Time since the last update of any kind (pings included) arrived. */
  public Duration lastUpdateAge() {
    return Duration.ofNanos(System.nanoTime() - lastUpdateNanos.get());
  }

  /** The total of a tagged counter family, for tests and the benchmark. */
  public double total(String name) {
    return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
  }

  public double count(String name, String tagKey, String tagValue) {
    Counter c = registry.find(name).tag(tagKey, tagValue).counter();
    return c == null ? 0 : c.count();
  }

  public MeterRegistry registry() {
    return registry;
  }

  private Counter counter(Map<String, Counter> cache, String name, String tagKey, String tag) {
    // A plain get first: the known tags are all registered up front, and computeIfAbsent with a
    // capturing lambda allocated the lambda on every received and every acknowledged event.
    Counter known = cache.get(tag);
    if (known != null) {
      return known;
    }
    Function<String, Counter> create = t -> Counter.builder(name).tag(tagKey, t).register(registry);
    return cache.computeIfAbsent(tag, create);
  }
}
