package io.geyserindexer.persister;

import io.geyserindexer.persister.config.InvalidSettingException;
import io.geyserindexer.persister.config.PersisterConfig;
import io.geyserindexer.persister.config.PersisterOptions;
import io.geyserindexer.runtime.config.EffectiveConfig;
import io.geyserindexer.runtime.config.EnvironmentDefaultProvider;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * The persister process: {@code java -jar persister.jar [options]} runs the consumer group member;
 * {@code reset-offsets} is the replay tool. Exit codes: 0 after a clean stop (SIGTERM/SIGINT), 1 on
 * a fatal error, 2 on an invalid setting.
 */
@Command(
    name = "persister",
    mixinStandardHelpOptions = true,
    subcommands = ResetOffsetsCommand.class,
    description =
        "Writes geyser-indexer events from Kafka into PostgreSQL, one transaction per poll.")
public final class PersisterMain implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(PersisterMain.class);

  @Spec CommandSpec spec;

  @Mixin PersisterOptions options = new PersisterOptions();

  @Option(
      names = "--config",
      description = "Properties or flat YAML file of settings (env CONFIG_FILE).")
  String config;

  private final Map<String, String> environment;

  PersisterMain(Map<String, String> environment) {
    this.environment = environment;
  }

  /** The variables this run reads settings from (the process environment outside tests). */
  Map<String, String> environment() {
    return environment;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.getenv()));
  }

  /** Parses, validates and runs; returns the process exit code. */
  public static int run(String[] args, Map<String, String> environment) {
    CommandLine commandLine = new CommandLine(new PersisterMain(environment));
    try {
      commandLine.setDefaultValueProvider(EnvironmentDefaultProvider.from(args, environment));
    } catch (RuntimeException e) {
      System.err.println("invalid setting CONFIG_FILE: " + e.getMessage());
      return 2;
    }
    commandLine.setParameterExceptionHandler(
        (e, a) -> {
          e.getCommandLine().getErr().println(e.getMessage());
          return 2;
        });
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof InvalidSettingException) {
            cmd.getErr().println(e.getMessage());
            return 2;
          }
          log.error("persister failed: {}", e.toString(), e);
          cmd.getErr().println("persister failed: " + e);
          return 1;
        });
    return commandLine.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    PersisterConfig config = options.load(environment);
    log.info(EffectiveConfig.render("Persister configuration", config.describe()));
    PersisterService service = PersisterService.start(config);
    // Handle TERM and INT ourselves instead of in a shutdown hook: the in-flight poll finishes,
    // offsets are committed, the consumers leave the group, and the exit code stays 0.
    Signal.handle(new Signal("TERM"), signal -> service.requestStop());
    Signal.handle(new Signal("INT"), signal -> service.requestStop());
    Optional<Throwable> failure;
    try {
      failure = service.awaitWorkers();
    } finally {
      service.close();
    }
    if (failure.isPresent()) {
      spec.commandLine().getErr().println("persister stopped by a fatal error: " + failure.get());
      return 1;
    }
    return 0;
  }
}
