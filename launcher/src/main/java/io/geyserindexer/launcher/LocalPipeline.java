package io.geyserindexer.launcher;

import io.geyserindexer.runtime.config.EffectiveConfig;
import io.geyserindexer.runtime.config.EnvironmentDefaultProvider;
import io.geyserindexer.testkit.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts the whole pipeline on one machine, without Docker: an embedded single-node Kafka broker,
 * PostgreSQL (given, local or embedded), the Geyser simulator (unless a real endpoint is given),
 * the ingestor and the persister, each as a process of its own; shows live progress; Ctrl-C stops
 * everything in reverse order.
 */
@Command(
    name = "geyser-local",
    mixinStandardHelpOptions = true,
    description =
        "Runs simulator (or a real Geyser endpoint) -> ingestor -> Kafka -> persister ->"
            + " PostgreSQL on this machine.")
public final class LocalPipeline implements java.util.concurrent.Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(LocalPipeline.class);

  @Option(names = "--home", description = "Checkout holding the built jars (default: .)")
  Path home = Path.of(".");

  @Option(names = "--data-dir", descriptionKey = "LOCAL_DATA_DIR", defaultValue = ".local")
  Path dataDir;

  @Option(
      names = "--kafka-port",
      descriptionKey = "LOCAL_KAFKA_PORT",
      defaultValue = "19092",
      description =
          "Broker port; the controller uses the next one. Kept across runs with the data.")
  int kafkaPort;

  @Option(
      names = "--endpoint",
      descriptionKey = "GEYSER_ENDPOINT",
      description = "A real Geyser endpoint; empty runs the simulator.")
  String endpoint;

  @Option(
      names = "--x-token",
      descriptionKey = "GEYSER_X_TOKEN",
      description = "Token for the endpoint.")
  String xToken;

  @Option(names = "--database-url", descriptionKey = "DATABASE_URL")
  String databaseUrl;

  @Option(names = "--database-user", descriptionKey = "DATABASE_USER")
  String databaseUser;

  @Option(names = "--database-password", descriptionKey = "DATABASE_PASSWORD")
  String databasePassword;

  @Option(names = "--topic-prefix", descriptionKey = "TOPIC_PREFIX", defaultValue = "solana")
  String topicPrefix;

  @Option(
      names = "--progress-interval",
      descriptionKey = "LOCAL_PROGRESS_INTERVAL",
      defaultValue = "PT2S")
  Duration progressInterval;

  @Option(
      names = "--run-for",
      descriptionKey = "LOCAL_RUN_FOR",
      description = "Stop by itself after this long (ISO-8601, e.g. PT60S); default: until Ctrl-C.")
  Duration runFor;

  @Option(names = "--process-heap", descriptionKey = "LOCAL_PROCESS_HEAP", defaultValue = "384m")
  String processHeap;

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final CountDownLatch stopRequested = new CountDownLatch(1);

  public static void main(String[] args) {
    int code;
    try {
      CommandLine commandLine =
          new CommandLine(new LocalPipeline())
              .setDefaultValueProvider(EnvironmentDefaultProvider.from(args, System.getenv()));
      code = commandLine.execute(args);
    } catch (IllegalArgumentException e) {
      System.err.println("geyser-local: " + e.getMessage());
      code = 2;
    }
    System.exit(code);
  }

  @Override
  public Integer call() throws Exception {
    Files.createDirectories(dataDir);
    Path logs = dataDir.resolve("logs");
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("GEYSER_ENDPOINT", endpoint == null || endpoint.isBlank() ? "(simulator)" : endpoint);
    shown.put("GEYSER_X_TOKEN", xToken);
    shown.put("DATABASE_URL", databaseUrl);
    shown.put("TOPIC_PREFIX", topicPrefix);
    shown.put("LOCAL_DATA_DIR", dataDir.toAbsolutePath());
    shown.put("LOCAL_KAFKA_PORT", kafkaPort);
    log.info(EffectiveConfig.render("Local pipeline configuration", shown));

    Thread hook = new Thread(this::requestStop, "local-pipeline-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      String bootstrap = startKafka(logs);
      LocalDatabase database =
          LocalDatabase.resolve(databaseUrl, databaseUser, databasePassword, dataDir);
      started.push(database);

      int persisterMetrics = FreePorts.next();
      Map<String, String> persisterEnv = new HashMap<>();
      persisterEnv.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
      persisterEnv.put("TOPIC_PREFIX", topicPrefix);
      persisterEnv.put("METRICS_PORT", String.valueOf(persisterMetrics));
      persisterEnv.put("DATABASE_URL", database.jdbcUrl());
      persisterEnv.put("DATABASE_USER", database.user() == null ? "" : database.user());
      persisterEnv.put("DATABASE_PASSWORD", database.password() == null ? "" : database.password());
      ChildProcess persister = startJar("persister", persisterEnv, logs);
      persister.awaitReady(
          () -> PrometheusScrape.answers(persisterMetrics), Duration.ofSeconds(90));

      String geyser = endpoint;
      if (geyser == null || geyser.isBlank()) {
        int simulatorPort = FreePorts.next();
        ChildProcess simulator =
            startJar("simulator", Map.of("SIMULATOR_PORT", String.valueOf(simulatorPort)), logs);
        simulator.awaitReady(() -> portAnswers(simulatorPort), Duration.ofSeconds(60));
        geyser = "http://127.0.0.1:" + simulatorPort;
      }

      int ingestorMetrics = FreePorts.next();
      Map<String, String> ingestorEnv = new HashMap<>();
      ingestorEnv.put("GEYSER_ENDPOINT", geyser);
      ingestorEnv.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
      ingestorEnv.put("TOPIC_PREFIX", topicPrefix);
      ingestorEnv.put("METRICS_PORT", String.valueOf(ingestorMetrics));
      if (xToken != null && !xToken.isEmpty()) {
        // Given as --x-token it is not in the inherited environment; the child reads the variable.
        ingestorEnv.put("GEYSER_X_TOKEN", xToken);
      }
      ChildProcess ingestor = startJar("ingestor", ingestorEnv, logs);
      ingestor.awaitReady(() -> PrometheusScrape.answers(ingestorMetrics), Duration.ofSeconds(60));

      System.out.println(
          "Pipeline running. Query PostgreSQL at "
              + database.jdbcUrl()
              + "; logs in "
              + logs
              + ". Ctrl-C stops everything.");
      ProgressView progress =
          new ProgressView(ingestorMetrics, persisterMetrics, database, System.out);
      long deadline = runFor == null ? Long.MAX_VALUE : System.nanoTime() + runFor.toNanos();
      while (!stopRequested.await(progressInterval.toMillis(), TimeUnit.MILLISECONDS)) {
        progress.print();
        for (ChildProcess child : List.of(persister, ingestor)) {
          if (!child.isAlive()) {
            System.err.println(child.name() + " exited unexpectedly:\n" + child.tail());
            return 1;
          }
        }
        if (System.nanoTime() > deadline) {
          break;
        }
      }
      return 0;
    } finally {
      stopAll();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is already exiting through the hook; nothing to remove.
      }
    }
  }

  private String startKafka(Path logs) throws IOException, InterruptedException {
    Path launcherJar = home.resolve("launcher/target/launcher.jar");
    ChildProcess kafka =
        ChildProcess.startJava(
            "kafka",
            List.of("-Xmx512m", "-cp", launcherJar.toString()),
            List.of(
                "io.geyserindexer.testkit.EmbeddedKafkaBroker",
                dataDir.resolve("kafka").toAbsolutePath().toString(),
                String.valueOf(kafkaPort)),
            Map.of(),
            logs);
    started.push(kafka);
    kafka.awaitReady(() -> kafka.logContains("KAFKA_READY"), Duration.ofSeconds(60));
    return "127.0.0.1:" + kafkaPort;
  }

  private ChildProcess startJar(String name, Map<String, String> env, Path logs)
      throws IOException {
    Path jar = home.resolve(name + "/target/" + name + ".jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build first with `mvn -q -DskipTests package`");
    }
    ChildProcess child =
        ChildProcess.startJava(
            name, List.of("-Xmx" + processHeap, "-jar", jar.toString()), List.of(), env, logs);
    started.push(child);
    return child;
  }

  private void requestStop() {
    stopRequested.countDown();
    stopAll();
  }

  private synchronized void stopAll() {
    while (!started.isEmpty()) {
      AutoCloseable component = started.pop();
      try {
        component.close();
      } catch (Exception e) {
        log.warn("Stopping {} failed: {}", component, e.getMessage());
      }
    }
  }

  private static boolean portAnswers(int port) {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
