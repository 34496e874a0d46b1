package io.geyserindexer.runtime.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Supplies picocli option values from the environment, then from an optional config file, so one
 * vocabulary works everywhere: option {@code --kafka-bootstrap-servers} is read from the variable
 * {@code KAFKA_BOOTSTRAP_SERVERS} and from the file key {@code KAFKA_BOOTSTRAP_SERVERS}. An option
 * whose {@code descriptionKey} is set uses that name instead. Precedence: command-line flag, then
 * environment, then file, then the option's own default.
 *
 * <p>The file ({@code --config} or {@code CONFIG_FILE}) is a {@code .properties} file or a flat
 * YAML map ({@code .yml}/{@code .yaml}).
 */
public final class EnvironmentDefaultProvider implements IDefaultValueProvider {

  /** The flag and variable that name the optional config file. */
  public static final String CONFIG_FLAG = "--config";

  public static final String CONFIG_ENV = "CONFIG_FILE";

  private final Map<String, String> environment;
  private final Map<String, String> file;

  public EnvironmentDefaultProvider(Map<String, String> environment, Map<String, String> file) {
    this.environment = Map.copyOf(environment);
    this.file = Map.copyOf(file);
  }

  /**
   * Reads the config file named by {@code --config} in {@code args} or by {@code CONFIG_FILE} in
   * the environment, if any.
   *
   * @throws IllegalArgumentException when the named file cannot be read or parsed
   */
  public static EnvironmentDefaultProvider from(String[] args, Map<String, String> environment) {
    String path = environment.get(CONFIG_ENV);
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(CONFIG_FLAG) && i + 1 < args.length) {
        path = args[i + 1];
      } else if (args[i].startsWith(CONFIG_FLAG + "=")) {
        path = args[i].substring(CONFIG_FLAG.length() + 1);
      }
    }
    Map<String, String> file = path == null || path.isBlank() ? Map.of() : readFile(Path.of(path));
    return new EnvironmentDefaultProvider(environment, file);
  }

  /** The environment variable (and file key) an option reads. */
  public static String variableName(OptionSpec option) {
    String key = option.descriptionKey();
    if (key != null && !key.isEmpty()) {
      return key;
    }
    return option.longestName().replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (!(argSpec instanceof OptionSpec option)) {
      return argSpec.defaultValue();
    }
    String name = variableName(option);
    String value = environment.get(name);
    if (value == null) {
      value = file.get(name);
    }
    if (value == null || value.isEmpty()) {
      return option.defaultValue();
    }
    return value;
  }

  static Map<String, String> readFile(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    try (InputStream in = Files.newInputStream(path)) {
      Map<String, String> values = new LinkedHashMap<>();
      if (name.endsWith(".yml") || name.endsWith(".yaml")) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        if (root == null) {
          return values;
        }
        if (!(root instanceof Map<?, ?> map)) {
          throw new IllegalArgumentException(
              "config file " + path + " must be a YAML map of SETTING: value");
        }
        map.forEach((k, v) -> values.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
      } else {
        Properties properties = new Properties();
        properties.load(in);
        properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k)));
      }
      return values;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read config file " + path + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      if (e instanceof IllegalArgumentException) {
        throw e;
      }
      throw new IllegalArgumentException(
          "cannot parse config file " + path + ": " + e.getMessage(), e);
    }
  }
}
