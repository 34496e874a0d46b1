package io.geyserindexer.launcher.chaos;

import static org.awaitility.Awaitility.await;

import io.geyserindexer.launcher.chaos.ChaosPlan.Fault;
import io.geyserindexer.testkit.EmbeddedKafkaBroker;
import io.geyserindexer.testkit.TcpProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Carries out a {@link ChaosPlan} against the running pipeline, in time order, and meanwhile acts
 * as the orchestrator's restart policy: an ingestor or persister that exits by itself is started
 * again (and recorded). Before each ingestor kill it reads the incarnation's parse-failure counter,
 * which the kill would otherwise take with it.
 */
final class FaultInjector {

  static final String PARSE_FAILURES = "ingestor_parse_failures_total{kind=\"account\"";

  private final ChaosProcess ingestor;
  private final ChaosProcess persister;
  private final EmbeddedKafkaBroker broker;
  private final TcpProxy database;
  private final TcpProxy stream;
  private final Map<ChaosPlan.Kind, Integer> done = new EnumMap<>(ChaosPlan.Kind.class);
  private final List<String> timeline = new ArrayList<>();
  private double parseFailuresBeforeKills;
  private int liveCuts;

  FaultInjector(
      ChaosProcess ingestor,
      ChaosProcess persister,
      EmbeddedKafkaBroker broker,
      TcpProxy database,
      TcpProxy stream) {
    this.ingestor = ingestor;
    this.persister = persister;
    this.broker = broker;
    this.database = database;
    this.stream = stream;
  }

  /** Runs every fault at its offset from {@code startNanos} (System.nanoTime), late if need be. */
  void run(ChaosPlan plan, long startNanos) throws InterruptedException {
    for (Fault fault : plan.faults()) {
      long due = startNanos + fault.at().toNanos();
      await()
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(100))
          .atMost(fault.at().plusMinutes(5))
          .until(
              () -> {
                supervise();
                return System.nanoTime() >= due;
              });
      inject(fault);
      done.merge(fault.kind(), 1, Integer::sum);
      timeline.add(
          String.format("%6.1f s %s", (System.nanoTime() - startNanos) / 1e9, fault.kind().name()));
    }
  }

  /**
   * A kill or cut should hit a process that is up and working, not one still starting: wait up to
   * 15 s (supervising) for {@code ready}, then go ahead anyway, since other faults are due (a
   * database cut in progress keeps a restarted persister from ever serving).
   *
   * @return whether the target was ready
   */
  private boolean awaitReady(java.util.function.BooleanSupplier ready) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    await()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(100))
        .atMost(Duration.ofSeconds(20))
        .until(() -> (supervise() && ready.getAsBoolean()) || System.nanoTime() > deadline);
    return ready.getAsBoolean();
  }

  private boolean streamConnected() {
    return ingestor.scrape("ingestor_stream_connected").orElse(0) >= 1;
  }

  /** Restarts an ingestor or persister that exited on its own; true when both were running. */
  boolean supervise() {
    boolean a = ingestor.restartIfExited();
    boolean b = persister.restartIfExited();
    return !a && !b;
  }

  Map<ChaosPlan.Kind, Integer> done() {
    return done;
  }

  List<String> timeline() {
    return timeline;
  }

  /** Stream cuts made while the ingestor reported a connected stream. */
  int liveCuts() {
    return liveCuts;
  }

  /** Parse failures the killed ingestor incarnations had counted when last read. */
  double parseFailuresBeforeKills() {
    return parseFailuresBeforeKills;
  }

  private void inject(Fault fault) throws InterruptedException {
    switch (fault.kind()) {
      case KILL_PERSISTER -> {
        awaitReady(() -> persister.scrape("jvm_").isPresent());
        persister.killAndRestart();
      }
      case KILL_INGESTOR -> {
        awaitReady(this::streamConnected);
        parseFailuresBeforeKills += ingestor.scrape(PARSE_FAILURES).orElse(0);
        ingestor.killAndRestart();
      }
      case RESTART_BROKER -> {
        broker.stop();
        broker.restart();
      }
      case CUT_DATABASE -> database.cut();
      case RESTORE_DATABASE -> database.restore();
      case CUT_STREAM -> {
        // A cut only counts when it ends a live stream, not a reconnect attempt.
        if (awaitReady(this::streamConnected)) {
          liveCuts++;
        }
        stream.cut();
      }
      case RESTORE_STREAM -> stream.restore();
    }
  }
}
