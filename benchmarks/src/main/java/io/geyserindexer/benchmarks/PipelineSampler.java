package io.geyserindexer.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Samples a running {@link Pipeline} once a second: the ingestor's and the persister's counters
 * from their /metrics, the group's lag from Kafka, the persister's latency histogram, and every
 * JVM's resident and heap memory. Keeps every {@link Tick} of the run.
 */
final class PipelineSampler implements AutoCloseable {

  static final String LATENCY = "persister_event_latency_seconds";

  /** Cumulative events by kind as the ingestor acknowledged them. */
  record Offered(double transactions, double accounts, double blocks) {

    static final Offered NONE = new Offered(0, 0, 0);

    static Offered from(PrometheusText scrape) {
      return new Offered(
          topic(scrape, "transactions"), topic(scrape, "accounts"), topic(scrape, "blocks"));
    }

    private static double topic(PrometheusText scrape, String topic) {
      return scrape.sum(
          "ingestor_produce_acknowledged_total", labels -> topic.equals(labels.get("topic")));
    }
  }

  /** Memory of one JVM at one tick, KiB; -1 when unknown. */
  record Memory(long rssKb, long peakRssKb, long heapKb) {}

  /**
   * One sample. Counters are cumulative; {@code lag} is NaN when Kafka could not say.
   *
   * @param ingested events the ingestor had acknowledged on the persisted topics
   * @param offered transactions, account updates and block metas among them: what the simulator
   *     actually sent (it collapses several writes to one account within a slot into one update)
   * @param persisted records the persister had handled ({@code persister_records_total})
   * @param streamEnds Geyser streams the ingestor had to reopen
   * @param streamDelaysMs created_at to ingestor receipt of the slot statuses written this second
   * @param cpu the machine's cumulative CPU times ({@link CpuTimes#UNKNOWN} off Linux)
   * @param lagByKind {@code lag} per persisted kind (topic without its prefix); empty when unknown
   */
  record Tick(
      double seconds,
      double ingested,
      Offered offered,
      double persisted,
      double lag,
      LatencyHistogram latency,
      double streamEnds,
      double gapSlots,
      double dropped,
      double[] streamDelaysMs,
      Map<String, Memory> memory,
      CpuTimes cpu,
      Map<String, Long> lagByKind) {}

  private final Pipeline pipeline;
  private final MetricsScrape ingestorMetrics;
  private final MetricsScrape persisterMetrics;
  private final GroupProgress progress;
  private final StreamDelayProbe streamDelay;
  private final Map<String, HeapWatch> heaps = new LinkedHashMap<>();
  private final List<Tick> ticks = new ArrayList<>();
  private final long startNanos = System.nanoTime();
  private Tick last;

  PipelineSampler(Pipeline pipeline) throws Exception {
    this.pipeline = pipeline;
    this.ingestorMetrics = new MetricsScrape(pipeline.ingestorMetricsPort);
    this.persisterMetrics = new MetricsScrape(pipeline.persisterMetricsPort);
    this.progress = new GroupProgress(pipeline.bootstrapServers());
    this.streamDelay =
        new StreamDelayProbe(pipeline.bootstrapServers(), pipeline.prefix + ".slots");
    for (Map.Entry<String, Long> process : pipeline.pids().entrySet()) {
      heaps.put(process.getKey(), HeapWatch.start(process.getValue()));
    }
  }

  /** Seconds since the sampler started. */
  double now() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** Samples once a second for {@code seconds}, failing as soon as a process has exited. */
  void sampleFor(double seconds) throws Exception {
    double end = now() + seconds;
    while (now() < end) {
      sampleOnce();
    }
  }

  /** Waits for the next whole second since the start, then samples. */
  Tick sampleOnce() throws Exception {
    double wait = Math.ceil(now() + 1e-3) - now();
    TimeUnit.MICROSECONDS.sleep((long) (wait * 1e6));
    pipeline.checkAlive();
    double seconds = now();
    Optional<PrometheusText> ingestor = ingestorMetrics.scrape();
    Optional<PrometheusText> persister = persisterMetrics.scrape();
    Set<String> kinds = Set.copyOf(Pipeline.PERSISTED_KINDS);
    // A scrape that fails (a process still starting) repeats the last value, so rates stay 0.
    double ingested =
        ingestor
            .map(
                s ->
                    s.sum(
                        "ingestor_produce_acknowledged_total",
                        labels -> kinds.contains(labels.get("topic"))))
            .orElse(last == null ? 0 : last.ingested());
    Offered offered =
        ingestor.map(Offered::from).orElse(last == null ? Offered.NONE : last.offered());
    double streamEnds = counter(ingestor, "ingestor_stream_reconnects_total", Tick::streamEnds);
    double gapSlots = counter(ingestor, "ingestor_gap_slots_total", Tick::gapSlots);
    double dropped = counter(ingestor, "ingestor_events_dropped_total", Tick::dropped);
    double persisted = counter(persister, "persister_records_total", Tick::persisted);
    LatencyHistogram latency =
        persister
            .map(s -> LatencyHistogram.from(s, LATENCY))
            .orElse(last == null ? LatencyHistogram.EMPTY : last.latency());
    Map<String, Long> lagByKind = lagByKind();
    Tick tick =
        new Tick(
            seconds,
            ingested,
            offered,
            persisted,
            lagByKind.isEmpty()
                ? Double.NaN
                : lagByKind.values().stream().mapToLong(Long::longValue).sum(),
            latency,
            streamEnds,
            gapSlots,
            dropped,
            streamDelay.poll(),
            memory(),
            CpuTimes.read().orElse(CpuTimes.UNKNOWN),
            lagByKind);
    ticks.add(tick);
    last = tick;
    return tick;
  }

  private Map<String, Long> lagByKind() throws InterruptedException {
    try {
      Map<String, Long> byKind = new LinkedHashMap<>();
      progress
          .lagByTopic(pipeline.group, pipeline.topics)
          .forEach((topic, lag) -> byKind.put(topic.substring(pipeline.prefix.length() + 1), lag));
      return byKind;
    } catch (java.util.concurrent.ExecutionException e) {
      return Map.of(); // topics not created yet
    }
  }

  private Map<String, Memory> memory() {
    Map<String, Memory> memory = new LinkedHashMap<>();
    for (Map.Entry<String, Long> process : pipeline.pids().entrySet()) {
      Optional<ProcessMemory> resident = ProcessMemory.of(process.getValue());
      memory.put(
          process.getKey(),
          new Memory(
              resident.map(ProcessMemory::rssKb).orElse(-1L),
              resident.map(ProcessMemory::peakKb).orElse(-1L),
              heaps.get(process.getKey()).lastKb()));
    }
    return memory;
  }

  List<Tick> ticks() {
    return List.copyOf(ticks);
  }

  Tick last() {
    return last;
  }

  @Override
  public void close() throws Exception {
    for (HeapWatch heap : heaps.values()) {
      heap.close();
    }
    streamDelay.close();
    progress.close();
  }

  /**
   * A counter from this second's scrape; when the process did not answer, the last tick's value, so
   * a missed scrape reads as no progress rather than as a reset.
   */
  private double counter(
      Optional<PrometheusText> scrape, String name, ToDoubleFunction<Tick> held) {
    return scrape.map(s -> s.sum(name)).orElse(last == null ? 0 : held.applyAsDouble(last));
  }
}
