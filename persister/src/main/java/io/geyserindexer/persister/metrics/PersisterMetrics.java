package io.geyserindexer.persister.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every meter of the persister, named in one place. Tags stay low-cardinality: table names, DLQ
 * reasons, and topic/partition for lag (bounded by the partitions this process owns).
 */
public final class PersisterMetrics {

  private final MeterRegistry registry;
  private final Counter records;
  private final Counter retries;
  private final Timer txDuration;
  private final Timer commitDuration;
  private final DistributionSummary batchSize;
  private final Timer eventLatency;
  private final Map<String, Counter> rows = new ConcurrentHashMap<>();
  private final Map<String, Counter> dlq = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> lag = new ConcurrentHashMap<>();

  public PersisterMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.records =
        Counter.builder("persister.records")
            .description("Records consumed and durably handled (written or dead-lettered)")
            .register(registry);
    this.retries =
        Counter.builder("persister.retries")
            .description("Poll writes retried after a transient database or Kafka error")
            .register(registry);
    this.txDuration =
        Timer.builder("persister.tx.duration")
            .description("One poll's database transaction, first statement to COMMIT")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(30))
            .register(registry);
    this.commitDuration =
        Timer.builder("persister.commit.duration")
            .description("Kafka commitSync of a poll's offsets")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(30))
            .register(registry);
    this.batchSize =
        DistributionSummary.builder("persister.batch.size")
            .description("Records per poll written in one transaction")
            .baseUnit("records")
            .publishPercentileHistogram()
            .minimumExpectedValue(1.0)
            .maximumExpectedValue(100_000.0)
            .register(registry);
    // Freshness as users feel it: how old an update is when its row becomes visible. Bounded at
    // 10 min so a replay of old history lands in the top bucket instead of widening every scrape.
    this.eventLatency =
        Timer.builder("persister.event.latency")
            .description(
                "Upstream created_at of an event to the COMMIT of the transaction holding it")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofMinutes(10))
            .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void polled(int size) {
    batchSize.record(size);
  }

  public void handled(int count) {
    records.increment(count);
  }

  public void rows(String table, int count) {
    rows.computeIfAbsent(
            table,
            t ->
                Counter.builder("persister.rows")
                    .description("Rows inserted or changed")
                    .tag("table", t)
                    .register(registry))
        .increment(count);
  }

  public void retry() {
    retries.increment();
  }

  public void deadLettered(String reason) {
    dlq.computeIfAbsent(
            reason,
            r ->
                Counter.builder("persister.dlq")
                    .description("Records sent to a dead-letter topic")
                    .tag("reason", r)
                    .register(registry))
        .increment();
  }

  public double deadLetteredTotal() {
    return dlq.values().stream().mapToDouble(Counter::count).sum();
  }

  public Timer txDuration() {
    return txDuration;
  }

  /**
   * Records, for each event of a committed transaction, the time from its upstream created_at to
   * now. Events without created_at (0) are skipped; clock skew into the future counts as zero.
   */
  public void committed(long[] createdAtMillis, long nowMillis) {
    for (long created : createdAtMillis) {
      if (created > 0) {
        eventLatency.record(Math.max(0, nowMillis - created), TimeUnit.MILLISECONDS);
      }
    }
  }

  public Timer commitDuration() {
    return commitDuration;
  }

  /** Records the consumer's lag of one partition, as the consumer thread last saw it. */
  public void lag(String topic, int partition, long value) {
    lag.computeIfAbsent(
            topic + "/" + partition,
            key -> {
              AtomicLong holder = new AtomicLong();
              Gauge.builder("persister.lag", holder, AtomicLong::get)
                  .description("Records between the consumer position and the partition end")
                  .tag("topic", topic)
                  .tag("partition", Integer.toString(partition))
                  .register(registry);
              return holder;
            })
        .set(value);
  }
}
