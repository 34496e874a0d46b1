package io.geyserindexer.ingestor.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Collects producer properties given as {@code KAFKA_PRODUCER_<KEY>} settings ({@code
 * KAFKA_PRODUCER_LINGER_MS=20} becomes {@code linger.ms=20}) from the config file and the
 * environment, the environment winning, like every other setting.
 *
 * <p>The config file is read here a second time because runtime's EnvironmentDefaultProvider only
 * answers for declared options, and these keys are open-ended. The file format is the same:
 * properties, or a flat YAML map for {@code .yml}/{@code .yaml}.
 */
public final class ProducerPassThrough {

  /** Settings with this prefix pass through as producer properties. */
  public static final String PREFIX = "KAFKA_PRODUCER_";

  private ProducerPassThrough() {}

  /**
   * @param configFile the {@code --config}/{@code CONFIG_FILE} file, or null
   * @throws IllegalArgumentException when the file cannot be read
   */
  public static Map<String, String> collect(Path configFile, Map<String, String> environment) {
    Map<String, String> out = new TreeMap<>();
    if (configFile != null) {
      select(read(configFile), out);
    }
    select(environment, out);
    return out;
  }

  private static void select(Map<String, String> settings, Map<String, String> out) {
    settings.forEach(
        (name, value) -> {
          if (name.startsWith(PREFIX) && name.length() > PREFIX.length()) {
            String key = name.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
            out.put(key, value);
          }
        });
  }

  private static Map<String, String> read(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    Map<String, String> values = new LinkedHashMap<>();
    try (InputStream in = Files.newInputStream(path)) {
      if (name.endsWith(".yml") || name.endsWith(".yaml")) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        if (root instanceof Map<?, ?> map) {
          map.forEach((k, v) -> values.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        }
      } else {
        Properties properties = new Properties();
        properties.load(in);
        properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k)));
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "config file " + path + " cannot be read: " + e.getMessage(), e);
    }
    return values;
  }
}
