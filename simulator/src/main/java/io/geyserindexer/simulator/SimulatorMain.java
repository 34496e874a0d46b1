package io.geyserindexer.simulator;

import io.geyserindexer.runtime.config.EffectiveConfig;
import io.geyserindexer.runtime.config.EnvironmentDefaultProvider;
import io.geyserindexer.simulator.replay.CaptureSlotSource;
import io.geyserindexer.simulator.server.ChaosSettings;
import io.geyserindexer.simulator.server.MalformedSlotSource;
import io.geyserindexer.simulator.server.ModelSlotSource;
import io.geyserindexer.simulator.server.ServerSettings;
import io.geyserindexer.simulator.server.SimulatorServer;
import io.geyserindexer.simulator.server.SlotSource;
import io.geyserindexer.simulator.traffic.TrafficConfig;
import io.geyserindexer.simulator.traffic.TrafficModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The simulator process: a Yellowstone Geyser gRPC server with deterministic synthetic traffic (or
 * a replayed capture). Every option also reads the environment variable in its description key.
 */
@Command(
    name = "simulator",
    mixinStandardHelpOptions = true,
    description = "Yellowstone Geyser gRPC simulator with deterministic mainnet-shaped traffic.")
public final class SimulatorMain implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatorMain.class);

  @Option(names = "--config", description = "properties or flat YAML file (env CONFIG_FILE)")
  Path config;

  @Option(
      names = "--port",
      descriptionKey = "SIMULATOR_PORT",
      defaultValue = "10000",
      description = "gRPC port; 0 picks a free one (env SIMULATOR_PORT)")
  int port;

  @Option(
      names = "--seed",
      descriptionKey = "SIMULATOR_SEED",
      defaultValue = "1",
      description = "traffic seed: same seed and slots, same bytes (env SIMULATOR_SEED)")
  long seed;

  @Option(
      names = "--profile",
      descriptionKey = "SIMULATOR_PROFILE",
      description =
          "named rates: mainnet = 400 ms slots, 1600 transactions (two thirds votes) and 5333"
              + " account writes per slot; mainnet-2x = 3200 and 10667. Excludes"
              + " --slot-interval-ms, --events-per-second, --tx-per-slot and --accounts-per-slot"
              + " (env SIMULATOR_PROFILE)")
  String profile;

  @Option(
      names = "--slot-interval-ms",
      descriptionKey = "SIMULATOR_SLOT_INTERVAL_MS",
      description =
          "time per slot [400]; 0 = as fast as the slowest subscriber drains"
              + " (env SIMULATOR_SLOT_INTERVAL_MS)")
  Long slotIntervalMs;

  @Option(
      names = "--events-per-second",
      descriptionKey = "SIMULATOR_EVENTS_PER_SECOND",
      description =
          "target rate of transactions + account writes; overrides the slot interval when > 0 [0]"
              + " (env SIMULATOR_EVENTS_PER_SECOND)")
  Long eventsPerSecond;

  @Option(
      names = "--tx-per-slot",
      descriptionKey = "SIMULATOR_TX_PER_SLOT",
      description =
          "transactions per slot (about two thirds votes) [200] (env SIMULATOR_TX_PER_SLOT)")
  Integer txPerSlot;

  @Option(
      names = "--accounts-per-slot",
      descriptionKey = "SIMULATOR_ACCOUNTS_PER_SLOT",
      description = "account writes per slot [300] (env SIMULATOR_ACCOUNTS_PER_SLOT)")
  Integer accountsPerSlot;

  @Option(
      names = "--start-slot",
      descriptionKey = "SIMULATOR_START_SLOT",
      defaultValue = "300000000",
      description = "first slot produced (env SIMULATOR_START_SLOT)")
  long startSlot;

  @Option(
      names = "--end-slot",
      descriptionKey = "SIMULATOR_END_SLOT",
      description = "stop producing after this slot (env SIMULATOR_END_SLOT)")
  Long endSlot;

  @Option(
      names = "--x-token",
      descriptionKey = "SIMULATOR_X_TOKEN",
      description = "required x-token (env SIMULATOR_X_TOKEN)")
  String xToken;

  @Option(
      names = "--replay-slots",
      descriptionKey = "SIMULATOR_REPLAY_SLOTS",
      defaultValue = "300",
      description =
          "slots kept for from_slot replay; 0 disables replay (env SIMULATOR_REPLAY_SLOTS)")
  int replaySlots;

  @Option(
      names = "--ping-interval-ms",
      descriptionKey = "SIMULATOR_PING_INTERVAL_MS",
      defaultValue = "10000",
      description = "server ping period on every stream (env SIMULATOR_PING_INTERVAL_MS)")
  long pingIntervalMs;

  @Option(
      names = "--queue-capacity",
      descriptionKey = "SIMULATOR_QUEUE_CAPACITY",
      defaultValue = "250000",
      description =
          "updates queued per stream before it is ended as lagged (env SIMULATOR_QUEUE_CAPACITY)")
  int queueCapacity;

  @Option(
      names = "--confirm-depth",
      descriptionKey = "SIMULATOR_CONFIRM_DEPTH",
      defaultValue = "1",
      description = "slots between PROCESSED and CONFIRMED (env SIMULATOR_CONFIRM_DEPTH)")
  int confirmDepth;

  @Option(
      names = "--finalize-depth",
      descriptionKey = "SIMULATOR_FINALIZE_DEPTH",
      defaultValue = "32",
      description = "slots between PROCESSED and FINALIZED (env SIMULATOR_FINALIZE_DEPTH)")
  int finalizeDepth;

  @Option(
      names = "--dead-slot-window",
      descriptionKey = "SIMULATOR_DEAD_SLOT_WINDOW",
      defaultValue = "50",
      description = "one dead slot per this many slots; 0 = none (env SIMULATOR_DEAD_SLOT_WINDOW)")
  int deadSlotWindow;

  @Option(
      names = "--cut-every",
      descriptionKey = "SIMULATOR_CUT_EVERY",
      defaultValue = "0",
      description = "chaos: end each stream after N updates; 0 = never (env SIMULATOR_CUT_EVERY)")
  long cutEvery;

  @Option(
      names = "--cut-probability",
      descriptionKey = "SIMULATOR_CUT_PROBABILITY",
      defaultValue = "0",
      description =
          "chaos: end a stream with this probability per update (env SIMULATOR_CUT_PROBABILITY)")
  double cutProbability;

  @Option(
      names = "--cut-abrupt",
      descriptionKey = "SIMULATOR_CUT_ABRUPT",
      defaultValue = "false",
      description =
          "chaos: cut by dropping connections (no status) instead of UNAVAILABLE (env SIMULATOR_CUT_ABRUPT)")
  boolean cutAbrupt;

  @Option(
      names = "--delay-per-message-us",
      descriptionKey = "SIMULATOR_DELAY_PER_MESSAGE_US",
      defaultValue = "0",
      description =
          "chaos: slow mode, pause before each update sent (env SIMULATOR_DELAY_PER_MESSAGE_US)")
  long delayPerMessageMicros;

  @Option(
      names = "--malformed-share",
      descriptionKey = "SIMULATOR_MALFORMED_SHARE",
      defaultValue = "0",
      description =
          "chaos: share of live slots carrying one invalid account write (5-byte pubkey)"
              + " (env SIMULATOR_MALFORMED_SHARE)")
  double malformedShare;

  @Option(
      names = "--replay-file",
      descriptionKey = "SIMULATOR_REPLAY_FILE",
      description = "serve this capture instead of synthetic traffic (env SIMULATOR_REPLAY_FILE)")
  Path replayFile;

  public static void main(String[] args) {
    CommandLine command = new CommandLine(new SimulatorMain());
    try {
      command.setDefaultValueProvider(EnvironmentDefaultProvider.from(args, System.getenv()));
    } catch (RuntimeException e) {
      System.err.println("simulator: " + e.getMessage());
      System.exit(2);
    }
    System.exit(command.execute(args));
  }

  @Override
  public Integer call() throws Exception {
    ServerSettings settings;
    SlotSource source;
    SlotRates rates;
    try {
      rates =
          SlotRates.resolve(profile, slotIntervalMs, eventsPerSecond, txPerSlot, accountsPerSlot);
      settings =
          new ServerSettings(
              port,
              Optional.ofNullable(xToken),
              replaySlots,
              Duration.ofMillis(pingIntervalMs),
              queueCapacity,
              rates.slotInterval(),
              confirmDepth,
              finalizeDepth,
              new ChaosSettings(
                  cutEvery,
                  cutProbability,
                  cutAbrupt,
                  Duration.ofNanos(delayPerMessageMicros * 1_000)),
              seed);
      source =
          replayFile != null
              ? CaptureSlotSource.open(replayFile)
              : new ModelSlotSource(
                  new TrafficModel(defaultsWithDeadWindow(rates)),
                  startSlot,
                  endSlot == null ? OptionalLong.empty() : OptionalLong.of(endSlot));
      if (malformedShare != 0) {
        source = new MalformedSlotSource(source, seed, malformedShare);
      }
    } catch (IllegalArgumentException e) {
      System.err.println("simulator: invalid configuration: " + e.getMessage());
      return 2;
    }
    LOG.info(EffectiveConfig.render("simulator effective configuration", effective(rates)));
    SimulatorServer server = new SimulatorServer(settings, source).start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.close();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "simulator-shutdown"));
    server.blockUntilShutdown();
    return 0;
  }

  private TrafficConfig defaultsWithDeadWindow(SlotRates rates) {
    TrafficConfig d =
        TrafficConfig.defaults(seed, rates.transactionsPerSlot(), rates.accountUpdatesPerSlot());
    return new TrafficConfig(
        d.seed(),
        d.transactionsPerSlot(),
        d.accountUpdatesPerSlot(),
        d.voteShare(),
        d.failedShare(),
        d.v0Share(),
        d.tokenShare(),
        deadSlotWindow,
        d.hotAccounts(),
        d.hotPrograms(),
        d.validators());
  }

  private Map<String, Object> effective(SlotRates rates) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("SIMULATOR_PORT", port);
    out.put("SIMULATOR_SEED", seed);
    out.put("SIMULATOR_PROFILE", profile == null ? "" : profile);
    // The resolved rates: from the profile, or the settings with --events-per-second applied.
    out.put("SIMULATOR_SLOT_INTERVAL_MS", rates.slotInterval().toNanos() / 1e6);
    out.put("SIMULATOR_EVENTS_PER_SECOND", eventsPerSecond == null ? 0 : eventsPerSecond);
    out.put("SIMULATOR_TX_PER_SLOT", rates.transactionsPerSlot());
    out.put("SIMULATOR_ACCOUNTS_PER_SLOT", rates.accountUpdatesPerSlot());
    out.put("SIMULATOR_START_SLOT", startSlot);
    out.put("SIMULATOR_END_SLOT", endSlot == null ? "" : endSlot);
    out.put("SIMULATOR_X_TOKEN", xToken == null ? "" : xToken);
    out.put("SIMULATOR_REPLAY_SLOTS", replaySlots);
    out.put("SIMULATOR_PING_INTERVAL_MS", pingIntervalMs);
    out.put("SIMULATOR_QUEUE_CAPACITY", queueCapacity);
    out.put("SIMULATOR_CONFIRM_DEPTH", confirmDepth);
    out.put("SIMULATOR_FINALIZE_DEPTH", finalizeDepth);
    out.put("SIMULATOR_DEAD_SLOT_WINDOW", deadSlotWindow);
    out.put("SIMULATOR_CUT_EVERY", cutEvery);
    out.put("SIMULATOR_CUT_PROBABILITY", cutProbability);
    out.put("SIMULATOR_CUT_ABRUPT", cutAbrupt);
    out.put("SIMULATOR_DELAY_PER_MESSAGE_US", delayPerMessageMicros);
    out.put("SIMULATOR_MALFORMED_SHARE", malformedShare);
    out.put("SIMULATOR_REPLAY_FILE", replayFile == null ? "" : replayFile);
    return out;
  }
}
