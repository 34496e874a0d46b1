package io.geyserindexer.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.geyserindexer.runtime.config.EnvironmentDefaultProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line as the process parses it; only cases that end before a server starts. */
class SimulatorMainTest {

  private record Outcome(int exitCode, String stderr) {}

  @Test
  void aProfileWithAnExplicitRateFlagExitsWithCode2AndOneLine() {
    Outcome outcome =
        run(Map.of(), "--port", "0", "--profile", "mainnet-2x", "--tx-per-slot", "10");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.stderr().lines())
        .containsExactly(
            "simulator: invalid configuration: --profile mainnet-2x fixes the slot interval and"
                + " the transactions and account writes per slot; drop --tx-per-slot (or its"
                + " SIMULATOR_* variable) or the profile");
  }

  @Test
  void aRateFromTheEnvironmentConflictsWithAProfileToo() {
    Outcome outcome =
        run(
            Map.of("SIMULATOR_PROFILE", "mainnet", "SIMULATOR_SLOT_INTERVAL_MS", "100"),
            "--port",
            "0");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.stderr()).contains("drop --slot-interval-ms");
  }

  @Test
  void anUnknownProfileExitsWithCode2() {
    Outcome outcome = run(Map.of(), "--profile", "testnet");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.stderr()).contains("known profiles: mainnet, mainnet-2x");
  }

  @Test
  void helpDocumentsTheProfiles() {
    CommandLine command = new CommandLine(new SimulatorMain());
    String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);

    assertThat(help)
        .contains("--profile")
        .contains("mainnet-2x = 3200 and 10667")
        .contains("Excludes");
  }

  /** Runs the command line as main does, with {@code environment} as the process environment. */
  private static Outcome run(Map<String, String> environment, String... args) {
    CommandLine command = new CommandLine(new SimulatorMain());
    command.setDefaultValueProvider(new EnvironmentDefaultProvider(environment, Map.of()));
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    try {
      int code = command.execute(args);
      return new Outcome(code, stderr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(original);
    }
  }
}
