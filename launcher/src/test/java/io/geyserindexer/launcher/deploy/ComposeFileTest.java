package io.geyserindexer.launcher.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.geyserindexer.ingestor.metrics.IngestorMetrics;
import io.geyserindexer.persister.metrics.PersisterMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What can be checked of the compose stack without a Docker engine: the file parses, the project's
 * services use only documented variables, images and build contexts exist, host ports do not
 * collide, and the dashboard's queries name metrics the processes really export.
 */
class ComposeFileTest {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final List<String> PROJECT_SERVICES =
      List.of("simulator", "ingestor", "persister");
  private static final Pattern METRIC = Pattern.compile("\\b((?:ingestor|persister)_[a-z0-9_]+)");

  @Test
  void projectServicesUseOnlyVariablesTheReadmeDocuments() throws IOException {
    Map<String, Object> services = services();
    String readme = Files.readString(REPO.resolve("README.md"));
    List<String> undocumented = new ArrayList<>();
    for (String name : PROJECT_SERVICES) {
      assertThat(services).containsKey(name);
      Map<String, Object> environment = map(map(services.get(name)).get("environment"));
      assertThat(environment).as(name + " environment").isNotEmpty();
      for (String variable : environment.keySet()) {
        if (!readme.contains("`" + variable + "`")) {
          undocumented.add(name + ": " + variable);
        }
      }
    }
    assertThat(undocumented).as("variables missing from README.md (as `NAME`)").isEmpty();
  }

  @Test
  void everyServiceHasAnImageOrAnExistingBuildContextAndDockerfile() throws IOException {
    for (Map.Entry<String, Object> service : services().entrySet()) {
      Map<String, Object> definition = map(service.getValue());
      assertThat(definition.containsKey("image") || definition.containsKey("build"))
          .as(service.getKey() + " has an image or a build")
          .isTrue();
      if (definition.containsKey("build")) {
        Map<String, Object> build = map(definition.get("build"));
        Path context = REPO.resolve(String.valueOf(build.get("context")));
        assertThat(context).as(service.getKey() + " build context").isDirectory();
        Path dockerfile =
            context.resolve(String.valueOf(build.getOrDefault("dockerfile", "Dockerfile")));
        assertThat(dockerfile).as(service.getKey() + " Dockerfile").isRegularFile();
      }
    }
  }

  @Test
  void publishedHostPortsDoNotCollide() throws IOException {
    Set<String> seen = new HashSet<>();
    List<String> collisions = new ArrayList<>();
    for (Map.Entry<String, Object> service : services().entrySet()) {
      Object ports = map(service.getValue()).get("ports");
      if (ports == null) {
        continue;
      }
      for (Object port : (List<?>) ports) {
        String text = String.valueOf(port);
        String[] parts = text.split(":");
        assertThat(parts)
            .as(service.getKey() + " port " + text + " names a host port")
            .hasSizeGreaterThan(1);
        String host = parts[parts.length - 2];
        if (!seen.add(host)) {
          collisions.add(service.getKey() + " " + text);
        }
      }
    }
    assertThat(seen).isNotEmpty();
    assertThat(collisions).isEmpty();
  }

  @Test
  void dashboardQueriesNameMetricsTheProcessesExport() throws IOException {
    String dashboard = Files.readString(REPO.resolve("deploy/grafana/dashboards/pipeline.json"));
    Set<String> used = new TreeSet<>();
    Matcher matcher = METRIC.matcher(dashboard);
    while (matcher.find()) {
      used.add(matcher.group(1));
    }
    assertThat(used).as("metric names in the dashboard").hasSizeGreaterThan(10);
    Set<String> exported = exportedNames();
    assertThat(used).as("exported: %s", exported).isSubsetOf(exported);
  }

  /**
   * Every sample name both processes' metrics classes expose once each meter exists; tagged meters
   * are created on first use, so each is used once with a sample tag.
   */
  private static Set<String> exportedNames() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    IngestorMetrics ingestor = new IngestorMetrics(registry);
    ingestor.bindQueue(() -> 1, 10, () -> 0);
    ingestor.updateReceived("slot");
    ingestor.parseFailed("slot");
    ingestor.unknownKind("block");
    ingestor.dropped("slots");
    ingestor.produced("slots", 1_000_000);
    ingestor.produceFailed();
    ingestor.reconnected();
    ingestor.gap(1);
    ingestor.pingAnswered();
    ingestor.pongReceived();
    PersisterMetrics persister = new PersisterMetrics(registry);
    persister.polled(1);
    persister.handled(1);
    persister.rows("slots", 1);
    persister.retry();
    persister.deadLettered("decode");
    persister.lag("solana.slots", 0, 1);
    Set<String> names = new HashSet<>();
    for (String line : registry.scrape().split("\n")) {
      if (!line.isEmpty() && !line.startsWith("#")) {
        int end = line.indexOf('{') >= 0 ? line.indexOf('{') : line.indexOf(' ');
        names.add(line.substring(0, end));
      }
    }
    return names;
  }

  private static Map<String, Object> services() throws IOException {
    Object root =
        new Yaml(new SafeConstructor(new LoaderOptions()))
            .load(Files.readString(REPO.resolve("docker-compose.yml")));
    return map(map(root).get("services"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }
}
