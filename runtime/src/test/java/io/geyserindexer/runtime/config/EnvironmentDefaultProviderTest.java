package io.geyserindexer.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class EnvironmentDefaultProviderTest {

  @Command(name = "sample")
  static class Sample {
    @Option(names = "--kafka-bootstrap-servers", defaultValue = "localhost:9092")
    String bootstrap;

    @Option(names = "--token", descriptionKey = "GEYSER_X_TOKEN")
    String token;

    @Option(names = "--max-poll-records", defaultValue = "50")
    int maxPollRecords;

    @Option(names = "--config")
    Path config;
  }

  private static Sample parse(EnvironmentDefaultProvider provider, String... args) {
    Sample sample = new Sample();
    new CommandLine(sample).setDefaultValueProvider(provider).parseArgs(args);
    return sample;
  }

  @Test
  void flagBeatsEnvironmentBeatsFileBeatsDefault(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("app.properties");
    Files.writeString(file, "KAFKA_BOOTSTRAP_SERVERS=file:1\nMAX_POLL_RECORDS=500\n");
    String[] args = {"--config", file.toString()};

    Sample fromFile = parse(EnvironmentDefaultProvider.from(args, Map.of()), args);
    assertThat(fromFile.bootstrap).isEqualTo("file:1");
    assertThat(fromFile.maxPollRecords).isEqualTo(500);

    Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", "env:1");
    Sample fromEnv = parse(EnvironmentDefaultProvider.from(args, env), args);
    assertThat(fromEnv.bootstrap).isEqualTo("env:1");

    String[] withFlag = {"--config", file.toString(), "--kafka-bootstrap-servers", "flag:1"};
    Sample fromFlag = parse(EnvironmentDefaultProvider.from(withFlag, env), withFlag);
    assertThat(fromFlag.bootstrap).isEqualTo("flag:1");

    Sample defaults = parse(new EnvironmentDefaultProvider(Map.of(), Map.of()));
    assertThat(defaults.bootstrap).isEqualTo("localhost:9092");
    assertThat(defaults.maxPollRecords).isEqualTo(50);
  }

  @Test
  void descriptionKeyNamesTheVariable() {
    Sample sample =
        parse(new EnvironmentDefaultProvider(Map.of("GEYSER_X_TOKEN", "secret"), Map.of()));
    assertThat(sample.token).isEqualTo("secret");
  }

  @Test
  void readsFlatYaml(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("app.yaml");
    Files.writeString(file, "MAX_POLL_RECORDS: 5000\nKAFKA_BOOTSTRAP_SERVERS: yaml:1\n");
    Sample sample =
        parse(
            EnvironmentDefaultProvider.from(new String[0], Map.of("CONFIG_FILE", file.toString())));
    assertThat(sample.maxPollRecords).isEqualTo(5000);
    assertThat(sample.bootstrap).isEqualTo("yaml:1");
  }

  @Test
  void aBadValueFailsParsingNamingTheOption() {
    var provider = new EnvironmentDefaultProvider(Map.of("MAX_POLL_RECORDS", "many"), Map.of());
    assertThatThrownBy(() -> parse(provider))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--max-poll-records")
        .hasMessageContaining("many");
  }

  @Test
  void aMissingConfigFileIsAClearError(@TempDir Path dir) {
    String missing = dir.resolve("nope.properties").toString();
    assertThatThrownBy(
            () -> EnvironmentDefaultProvider.from(new String[] {"--config=" + missing}, Map.of()))
        .hasMessageContaining("cannot read config file")
        .hasMessageContaining("nope.properties");
  }
}
