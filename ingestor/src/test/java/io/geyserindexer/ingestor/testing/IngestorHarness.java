package io.geyserindexer.ingestor.testing;

import io.geyserindexer.ingestor.IngestorPipeline;
import io.geyserindexer.ingestor.config.IngestorCommand;
import io.geyserindexer.ingestor.config.IngestorConfig;
import io.geyserindexer.ingestor.metrics.IngestorMetrics;
import io.geyserindexer.ingestor.parse.EventKind;
import io.geyserindexer.runtime.config.EnvironmentDefaultProvider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Builds an ingestor pipeline the way the process does: flags through picocli, then validation. */
public final class IngestorHarness {

  public static final String ALL_STREAMS =
      "accounts,transactions,slots,blocks_meta,transactions_status,entries";

  private IngestorHarness() {}

  public static IngestorConfig config(
      String endpoint, String bootstrap, String prefix, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--geyser-endpoint",
                endpoint,
                "--kafka-bootstrap-servers",
                bootstrap,
                "--topic-prefix",
                prefix,
                "--topic-partitions",
                "3",
                "--geyser-subscribe",
                ALL_STREAMS,
                "--geyser-backoff-initial",
                "50ms",
                "--geyser-backoff-max",
                "500ms",
                "--metrics-port",
                "-1"));
    args.addAll(Arrays.asList(extra));
    String[] argv = args.toArray(String[]::new);
    IngestorCommand command = new IngestorCommand();
    new CommandLine(command)
        .setDefaultValueProvider(new EnvironmentDefaultProvider(Map.of(), Map.of()))
        .parseArgs(argv);
    return command.toConfig(Map.of());
  }

  public static IngestorPipeline start(IngestorConfig config) throws Exception {
    IngestorPipeline pipeline =
        new IngestorPipeline(config, new IngestorMetrics(new SimpleMeterRegistry()));
    pipeline.start();
    return pipeline;
  }

  public static List<String> topics(String prefix) {
    return Arrays.stream(EventKind.values()).map(k -> k.topic(prefix)).toList();
  }
}
