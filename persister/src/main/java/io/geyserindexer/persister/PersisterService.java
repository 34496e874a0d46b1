package io.geyserindexer.persister;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.geyserindexer.persister.config.PersisterConfig;
import io.geyserindexer.persister.consume.ConsumerWorker;
import io.geyserindexer.persister.consume.DeadLetterPublisher;
import io.geyserindexer.persister.consume.KafkaClientProperties;
import io.geyserindexer.persister.metrics.PersisterMetrics;
import io.geyserindexer.persister.schema.SchemaMigrator;
import io.geyserindexer.persister.write.JdbcBatchWriter;
import io.geyserindexer.runtime.metrics.Health;
import io.geyserindexer.runtime.metrics.JvmMeters;
import io.geyserindexer.runtime.metrics.MetricsEndpoint;
import io.geyserindexer.runtime.retry.Backoff;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires one persister process by hand and owns its lifecycle: {@link #start}, {@link #requestStop},
 * {@link #awaitWorkers}, {@link #close} (reverse order, bounded).
 */
public final class PersisterService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PersisterService.class);

  private final PrometheusMeterRegistry registry;
  private final HikariDataSource dataSource;
  private final DeadLetterPublisher deadLetters;
  private final JvmMeters jvmMeters;
  private final List<ConsumerWorker> workers = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final List<KafkaClientMetrics> clientMetrics = new ArrayList<>();
  private MetricsEndpoint endpoint;
  private volatile boolean closed;

  private PersisterService(
      PrometheusMeterRegistry registry,
      HikariDataSource dataSource,
      DeadLetterPublisher deadLetters) {
    this.registry = registry;
    this.dataSource = dataSource;
    this.deadLetters = deadLetters;
    this.jvmMeters = JvmMeters.bindTo(registry);
  }

  /** Migrates (if enabled), then starts the metrics endpoint and the consumer threads. */
  public static PersisterService start(PersisterConfig config) throws IOException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HikariDataSource dataSource = dataSource(config, registry);
    PersisterService service = null;
    try {
      if (config.runMigrations()) {
        SchemaMigrator.migrate(config.database());
      }
      service =
          new PersisterService(
              registry,
              dataSource,
              new DeadLetterPublisher(
                  new KafkaProducer<>(KafkaClientProperties.deadLetterProducer(config))));
      service.startWorkers(config);
      if (config.metricsPort() >= 0) {
        service.endpoint =
            MetricsEndpoint.start(
                config.metricsHost(), config.metricsPort(), registry, service::health);
      }
      log.info("Persister started: {} consumer thread(s)", config.threads());
      return service;
    } catch (IOException | RuntimeException e) {
      if (service != null) {
        service.close();
      } else {
        dataSource.close();
      }
      throw e;
    }
  }

  private static HikariDataSource dataSource(
      PersisterConfig config, PrometheusMeterRegistry registry) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("persister");
    hikari.setJdbcUrl(config.database().jdbcUrl());
    hikari.setUsername(config.database().user());
    hikari.setPassword(config.database().password());
    hikari.setMaximumPoolSize(config.database().poolSize());
    // A fixed-size pool, filled from start-up: HikariCP opens connections one at a time, and each
    // costs several round trips, so a far database (1 s RTT) grew a 16-connection pool on demand
    // for about 40 s while waiting threads timed out.
    hikari.setMinimumIdle(config.database().poolSize());
    hikari.setAutoCommit(false);
    // A database that is down must surface as a quick, retried error, not a 30 s stall.
    hikari.setConnectionTimeout(5_000);
    hikari.setValidationTimeout(2_000);
    // Start even when the database is not reachable yet; the first write retries.
    hikari.setInitializationFailTimeout(-1);
    hikari.addDataSourceProperty("connectTimeout", "5");
    hikari.addDataSourceProperty("tcpKeepAlive", "true");
    hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
    return new HikariDataSource(hikari);
  }

  private void startWorkers(PersisterConfig config) {
    PersisterMetrics metrics = new PersisterMetrics(registry);
    JdbcBatchWriter writer = new JdbcBatchWriter(dataSource);
    Backoff backoff = new Backoff(config.retryInitial(), config.retryMax(), 2.0);
    for (int i = 0; i < config.threads(); i++) {
      String name = "persister-" + i;
      KafkaConsumer<byte[], byte[]> consumer =
          new KafkaConsumer<>(
              KafkaClientProperties.consumer(config, config.kafka().groupId() + "-" + name, i));
      KafkaClientMetrics bound = new KafkaClientMetrics(consumer);
      bound.bindTo(registry);
      clientMetrics.add(bound);
      ConsumerWorker worker =
          new ConsumerWorker(
              name, consumer, config.kafka().topics(), writer, deadLetters, metrics, backoff);
      Thread thread = new Thread(worker, name);
      workers.add(worker);
      threads.add(thread);
    }
    threads.forEach(Thread::start);
  }

  /** Asks every worker to finish its in-flight poll and stop; safe from any thread. */
  public void requestStop() {
    workers.forEach(ConsumerWorker::requestStop);
  }

  /**
   * Blocks until every worker has ended. When one fails, the others are asked to stop too.
   *
   * @return the first fatal error, if any
   */
  public Optional<Throwable> awaitWorkers() throws InterruptedException {
    while (threads.stream().anyMatch(Thread::isAlive)) {
      for (Thread thread : threads) {
        thread.join(200);
      }
      if (failure().isPresent()) {
        requestStop();
      }
    }
    return failure();
  }

  public Optional<Throwable> failure() {
    return workers.stream().map(ConsumerWorker::failure).filter(f -> f != null).findFirst();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public Optional<Integer> metricsPort() {
    return Optional.ofNullable(endpoint).map(MetricsEndpoint::port);
  }

  Health health() {
    Map<String, Object> details = new LinkedHashMap<>();
    boolean up = !workers.isEmpty();
    for (ConsumerWorker worker : workers) {
      ConsumerWorker.State state = worker.state();
      details.put(worker.name() + ".state", state.name().toLowerCase(java.util.Locale.ROOT));
      details.put(worker.name() + ".seconds_since_commit", worker.sinceLastCommit().toSeconds());
      // Retrying is up: the process is doing its job of waiting out an outage without loss.
      up &= state != ConsumerWorker.State.FAILED && state != ConsumerWorker.State.STOPPED;
    }
    details.put(
        "db.pool.active",
        dataSource.getHikariPoolMXBean() == null
            ? 0
            : dataSource.getHikariPoolMXBean().getActiveConnections());
    return up ? Health.up(details) : Health.down(details);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    requestStop();
    for (Thread thread : threads) {
      try {
        thread.join(Duration.ofSeconds(30).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (thread.isAlive()) {
        log.warn("{} did not stop within 30 s", thread.getName());
      }
    }
    if (endpoint != null) {
      endpoint.close();
    }
    clientMetrics.forEach(KafkaClientMetrics::close);
    jvmMeters.close();
    deadLetters.close();
    dataSource.close();
    log.info("Persister stopped");
  }
}
