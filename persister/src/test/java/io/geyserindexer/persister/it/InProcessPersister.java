package io.geyserindexer.persister.it;

import io.geyserindexer.persister.PersisterService;
import io.geyserindexer.persister.config.PersisterConfig;
import io.geyserindexer.persister.config.PersisterOptions;
import io.geyserindexer.runtime.config.EnvironmentDefaultProvider;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Builds the persister's real configuration from settings, as the process would, and starts it. */
final class InProcessPersister {

  @Command(name = "persister")
  static final class Holder {
    @Mixin PersisterOptions options = new PersisterOptions();
  }

  private InProcessPersister() {}

  static PersisterConfig config(Map<String, String> settings) {
    Holder holder = new Holder();
    CommandLine commandLine = new CommandLine(holder);
    commandLine.setDefaultValueProvider(new EnvironmentDefaultProvider(settings, Map.of()));
    commandLine.parseArgs();
    return holder.options.load(settings);
  }

  static PersisterService start(Map<String, String> settings) throws Exception {
    return PersisterService.start(config(settings));
  }
}
