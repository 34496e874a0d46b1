package io.geyserindexer.ingestor;

import io.geyserindexer.ingestor.config.IngestorCommand;
import io.geyserindexer.ingestor.config.IngestorConfig;
import io.geyserindexer.ingestor.metrics.IngestorMetrics;
import io.geyserindexer.runtime.config.EffectiveConfig;
import io.geyserindexer.runtime.config.EnvironmentDefaultProvider;
import io.geyserindexer.runtime.metrics.Health;
import io.geyserindexer.runtime.metrics.JvmMeters;
import io.geyserindexer.runtime.metrics.MetricsEndpoint;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Entry point: parse and validate config (exit 2 on a bad setting), serve metrics, run the
 * pipeline, and on SIGTERM stop reading, drain and flush (exit 0), or exit 1 on a fatal error.
 */
public final class IngestorMain {

  private static final Logger log = LoggerFactory.getLogger(IngestorMain.class);

  private IngestorMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv()));
  }

  static int run(String[] args, Map<String, String> environment) {
    IngestorCommand command = new IngestorCommand();
    IngestorConfig config;
    try {
      CommandLine cli = new CommandLine(command);
      cli.setDefaultValueProvider(EnvironmentDefaultProvider.from(args, environment));
      CommandLine.ParseResult parsed = cli.parseArgs(args);
      if (CommandLine.printHelpIfRequested(parsed)) {
        return 0;
      }
      config = command.toConfig(environment);
    } catch (CommandLine.ParameterException | IllegalArgumentException e) {
      System.err.println("ingestor: invalid configuration: " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      System.err.println("ingestor: cannot load configuration: " + e.getMessage());
      return 2;
    }
    log.info("{}", EffectiveConfig.render("Ingestor configuration", command.printable(config)));

    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    IngestorMetrics metrics = new IngestorMetrics(registry);
    CountDownLatch exited = new CountDownLatch(1);
    AtomicInteger exitCode = new AtomicInteger(1);
    try (JvmMeters jvmMeters = JvmMeters.bindTo(registry);
        IngestorPipeline pipeline = new IngestorPipeline(config, metrics);
        MetricsEndpoint endpoint = endpoint(config, registry, metrics)) {
      // SIGTERM: the hook stops reading and drains; once main has closed everything the hook ends
      // the JVM with main's exit code (0 after a clean drain) instead of the signal's 143.
      Thread hook =
          new Thread(
              () -> {
                try {
                  pipeline.stop();
                  if (!exited.await(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    log.error("Shutdown did not finish within {}", config.shutdownTimeout());
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                Runtime.getRuntime().halt(exitCode.get());
              },
              "shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      pipeline.start();
      int code = pipeline.awaitExit();
      boolean drained = pipeline.stop();
      exitCode.set(code != 0 ? code : drained ? 0 : 1);
    } catch (Exception e) {
      log.error("FATAL: ingestor failed to start or run: {}", e.toString());
      exitCode.set(1);
    } finally {
      exited.countDown();
    }
    return exitCode.get();
  }

  private static MetricsEndpoint endpoint(
      IngestorConfig config, PrometheusMeterRegistry registry, IngestorMetrics metrics)
      throws java.io.IOException {
    if (config.metricsPort() < 0) {
      return null;
    }
    return MetricsEndpoint.start(
        "0.0.0.0",
        config.metricsPort(),
        registry,
        () -> {
          Map<String, Object> details =
              Map.of(
                  "streamConnected",
                  metrics.isStreamConnected(),
                  "lastUpdateAgeSeconds",
                  metrics.lastUpdateAge().toMillis() / 1000.0);
          boolean fresh = metrics.lastUpdateAge().compareTo(config.geyser().silenceTimeout()) < 0;
          return metrics.isStreamConnected() && fresh ? Health.up(details) : Health.down(details);
        });
  }
}
