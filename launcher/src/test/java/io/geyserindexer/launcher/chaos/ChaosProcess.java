package io.geyserindexer.launcher.chaos;

import io.geyserindexer.testkit.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One process of the pipeline run from its jar as a child JVM, which the chaos run can SIGKILL and
 * start again. Each incarnation gets a fresh metrics port and a log file of its own ({@code
 * <name>-<n>.log}); an exit the run did not cause is counted, so a supervisor can restart it as an
 * orchestrator would and the report can show it.
 */
final class ChaosProcess implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Path jar;
  private final String heap;
  private final Map<String, String> env;
  private final Path logDir;
  private final List<Path> logs = new ArrayList<>();
  private final List<String> unplannedExits = new ArrayList<>();
  private Process process;
  private int metricsPort = -1;
  private int kills;

  ChaosProcess(String name, Path jar, String heap, Map<String, String> env, Path logDir) {
    this.name = name;
    this.jar = jar;
    this.heap = heap;
    this.env = Map.copyOf(env);
    this.logDir = logDir;
  }

  /** Starts a new incarnation; its METRICS_PORT is free and fresh. */
  synchronized void start() {
    metricsPort = FreePorts.next();
    Path log = logDir.resolve(name + "-" + (logs.size() + 1) + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(javaExecutable(), "-Xmx" + heap, "-jar", jar.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> all = new HashMap<>(env);
    all.put("METRICS_PORT", String.valueOf(metricsPort));
    builder.environment().putAll(all);
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
    logs.add(log);
  }

  /** SIGKILL (no shutdown hook runs), wait for the exit, start again. */
  synchronized void killAndRestart() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
    kills++;
    start();
  }

  /**
   * Restarts the process when it exited without being told to (as an orchestrator's restart policy
   * would), recording the exit code and the log's last line.
   *
   * @return true when it had exited
   */
  synchronized boolean restartIfExited() {
    if (process.isAlive()) {
      return false;
    }
    unplannedExits.add(
        "exit "
            + process.exitValue()
            + " of "
            + logs.get(logs.size() - 1).getFileName()
            + ": "
            + lastLine(logs.get(logs.size() - 1)));
    start();
    return true;
  }

  synchronized boolean isAlive() {
    return process.isAlive();
  }

  synchronized int metricsPort() {
    return metricsPort;
  }

  synchronized int kills() {
    return kills;
  }

  synchronized List<String> unplannedExits() {
    return List.copyOf(unplannedExits);
  }

  synchronized List<Path> logs() {
    return List.copyOf(logs);
  }

  /**
   * Sum of a Prometheus series of this incarnation ({@code name{labels} value} lines whose text
   * before the value starts with {@code series}), or empty when the endpoint does not answer.
   */
  OptionalDouble scrape(String series) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort() + "/metrics"))
                  .timeout(Duration.ofSeconds(3))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return OptionalDouble.empty();
      }
      Matcher m =
          Pattern.compile("^" + Pattern.quote(series) + "\\S* (\\S+)$", Pattern.MULTILINE)
              .matcher(response.body());
      double sum = 0;
      while (m.find()) {
        sum += Double.parseDouble(m.group(1));
      }
      return OptionalDouble.of(sum);
    } catch (IOException e) {
      return OptionalDouble.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalDouble.empty();
    }
  }

  /** SIGTERM and wait for the clean exit; SIGKILL past the bound. */
  synchronized int stop(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    return process.exitValue();
  }

  @Override
  public synchronized void close() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
  }

  @Override
  public String toString() {
    return name;
  }

  private static String lastLine(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return lines.isEmpty() ? "(empty log)" : lines.get(lines.size() - 1);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
