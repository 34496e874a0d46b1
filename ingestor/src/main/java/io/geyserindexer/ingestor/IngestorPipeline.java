package io.geyserindexer.ingestor;

import io.geyserindexer.ingestor.buffer.EventQueue;
import io.geyserindexer.ingestor.config.IngestorConfig;
import io.geyserindexer.ingestor.metrics.IngestorMetrics;
import io.geyserindexer.ingestor.parse.EventKind;
import io.geyserindexer.ingestor.publish.KafkaEventPublisher;
import io.geyserindexer.ingestor.publish.KafkaSlotCheckpoint;
import io.geyserindexer.ingestor.publish.KafkaTopicCreator;
import io.geyserindexer.ingestor.publish.ProducerSettings;
import io.geyserindexer.ingestor.publish.SlotProgress;
import io.geyserindexer.ingestor.source.GeyserChannelFactory;
import io.geyserindexer.ingestor.source.GeyserSubscriptionLoop;
import io.geyserindexer.proto.geyser.SubscribeRequest;
import io.grpc.ManagedChannel;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires source, queue and publisher for one process and owns their lifecycle: {@link #start},
 * {@link #stop} (stop reading, drain the queue, flush; bounded), {@link #awaitExit}.
 */
public final class IngestorPipeline implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(IngestorPipeline.class);

  private final IngestorConfig config;
  private final IngestorMetrics metrics;
  private final FatalError fatal = new FatalError();
  private final SlotProgress progress = new SlotProgress();
  private final EventQueue queue;
  private ManagedChannel channel;
  private Producer<String, byte[]> producer;
  private KafkaClientMetrics producerMetrics;
  private KafkaEventPublisher publisher;
  private GeyserSubscriptionLoop subscription;
  private Thread publisherThread;
  private Thread subscriptionThread;
  private volatile boolean stopped;
  private boolean drainedAtStop;

  public IngestorPipeline(IngestorConfig config, IngestorMetrics metrics) {
    this.config = config;
    this.metrics = metrics;
    this.queue = new EventQueue(config.queue().capacity(), config.queue().policy());
    metrics.bindQueue(queue::size, queue.capacity(), queue::fullSeconds);
  }

  /** The topics a subscription produces to. */
  public static Set<EventKind> kindsOf(SubscribeRequest s) {
    Set<EventKind> kinds = EnumSet.noneOf(EventKind.class);
    if (s.getSlotsCount() > 0) kinds.add(EventKind.SLOT_STATUS);
    if (s.getBlocksMetaCount() > 0) kinds.add(EventKind.BLOCK_META);
    if (s.getTransactionsCount() > 0) kinds.add(EventKind.TRANSACTION);
    if (s.getAccountsCount() > 0) kinds.add(EventKind.ACCOUNT_UPDATE);
    if (s.getTransactionsStatusCount() > 0) kinds.add(EventKind.TRANSACTION_STATUS);
    if (s.getEntryCount() > 0) kinds.add(EventKind.ENTRY);
    return kinds;
  }

  /** Prepares topics, finds the start slot, and starts the publisher and the subscription. */
  public void start() throws Exception {
    String bootstrap = config.kafka().bootstrapServers();
    if (config.kafka().createTopics()) {
      Properties admin = new Properties();
      admin.putAll(config.kafka().producerProperties());
      admin.keySet().removeIf(k -> !AdminClientConfig.configNames().contains(k));
      admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      try (Admin client = Admin.create(admin)) {
        KafkaTopicCreator.createMissing(client, config.kafka(), kindsOf(config.subscription()));
      }
    }
    Long startSlot = startSlot();
    producer = new KafkaProducer<>(ProducerSettings.of(config.kafka(), "geyser-ingestor"));
    producerMetrics = new KafkaClientMetrics(producer);
    producerMetrics.bindTo(metrics.registry());
    publisher =
        new KafkaEventPublisher(
            producer,
            queue,
            progress,
            metrics,
            fatal,
            config.kafka().topicPrefix(),
            config.kafka().maxInFlight());
    publisherThread = new Thread(publisher, "kafka-publisher");
    publisherThread.start();
    channel = GeyserChannelFactory.open(config.geyser());
    subscription =
        new GeyserSubscriptionLoop(
            channel,
            config.geyser(),
            config.subscription(),
            queue,
            progress,
            metrics,
            fatal,
            startSlot);
    subscriptionThread = new Thread(subscription, "geyser-subscription");
    subscriptionThread.start();
    log.info("Ingestor started");
  }

  private Long startSlot() {
    String slotsTopic = EventKind.SLOT_STATUS.topic(config.kafka().topicPrefix());
    if (config.geyser().liveStart()) {
      log.info("Live start requested: not resuming from {}", slotsTopic);
      return null;
    }
    OptionalLong last =
        KafkaSlotCheckpoint.resumeSlot(config.kafka().bootstrapServers(), slotsTopic);
    if (last.isEmpty()) {
      log.info("No slot found in {}: starting live", slotsTopic);
      return null;
    }
    long from = Math.max(0, last.getAsLong() - config.geyser().resumeOverlapSlots());
    log.info(
        "Slots topic {} says everything before slot {} is in Kafka: resuming from slot {}",
        slotsTopic,
        Long.toUnsignedString(last.getAsLong()),
        Long.toUnsignedString(from));
    return from;
  }

  /**
   * Waits until a fatal error or {@link #stop}. Returns the exit code: 0 after a clean stop, 1
   * after a fatal error (its reason logged as one line).
   */
  public int awaitExit() throws InterruptedException {
    while (!stopped && !fatal.await(200, TimeUnit.MILLISECONDS)) {
      // wait
    }
    if (fatal.isRaised()) {
      log.error("FATAL: {}", fatal.reason());
      return 1;
    }
    return 0;
  }

  /**
   * Stops reading, publishes what is queued, flushes the producer. Bounded by the drain timeout.
   *
   * @return true when everything received was handed to Kafka and acknowledged
   */
  public synchronized boolean stop() throws InterruptedException {
    if (stopped) {
      return drainedAtStop;
    }
    log.info("Ingestor stopping: {} event(s) queued", queue.size());
    if (subscription != null) {
      subscription.stop();
      subscriptionThread.join(Duration.ofSeconds(10).toMillis());
    }
    boolean drained = true;
    if (publisher != null) {
      publisher.drain();
      drained = publisher.awaitFinished(config.kafka().drainTimeout()) && !fatal.isRaised();
    }
    drainedAtStop = drained;
    stopped = true;
    log.info("Ingestor stopped ({})", drained ? "queue drained, producer flushed" : "NOT drained");
    return drained;
  }

  public IngestorMetrics metrics() {
    return metrics;
  }

  public FatalError fatal() {
    return fatal;
  }

  public EventQueue queue() {
    return queue;
  }

  @Override
  public void close() {
    List<Runnable> steps = new ArrayList<>();
    if (subscription != null) steps.add(subscription::stop);
    if (publisher != null) steps.add(publisher::drain);
    if (channel != null) steps.add(() -> channel.shutdownNow());
    if (producerMetrics != null) steps.add(producerMetrics::close);
    if (producer != null) steps.add(() -> producer.close(Duration.ofSeconds(5)));
    for (Runnable step : steps) {
      try {
        step.run();
      } catch (RuntimeException e) {
        log.warn("Error while closing: {}", e.toString());
      }
    }
  }
}
