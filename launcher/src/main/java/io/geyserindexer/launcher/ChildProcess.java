package io.geyserindexer.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process of the local pipeline (broker, simulator, ingestor, persister): started with its own
 * environment, its output in a log file of its own, stopped with SIGTERM and, past a bound, killed.
 */
final class ChildProcess implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ChildProcess.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

  private final String name;
  private final Process process;
  private final Path logFile;

  private ChildProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  /** Starts {@code java <jvmArgs> <args>} with the extra environment, output to {@code logDir}. */
  static ChildProcess startJava(
      String name, List<String> jvmArgs, List<String> args, Map<String, String> env, Path logDir)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(jvmArgs);
    command.addAll(args);
    Files.createDirectories(logDir);
    Path logFile = logDir.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
    builder.environment().putAll(env);
    Process process = builder.start();
    log.info("Started {} (pid {}), log in {}", name, process.pid(), logFile);
    return new ChildProcess(name, process, logFile);
  }

  String name() {
    return name;
  }

  Path logFile() {
    return logFile;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Waits until {@code ready} holds, failing early with the log's last lines when the process exits
   * first.
   */
  void awaitReady(BooleanSupplier ready, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!ready.getAsBoolean()) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with code " + process.exitValue() + " during start-up:\n" + tail());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            name + " was not ready within " + timeout.toSeconds() + " s:\n" + tail());
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
  }

  /** True once the process's log holds {@code text}. */
  boolean logContains(String text) {
    try {
      return Files.exists(logFile) && Files.readString(logFile).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  /** The last lines of the log, for an error message. */
  String tail() {
    try {
      List<String> lines = Files.readAllLines(logFile);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** SIGTERM, wait for a clean exit, then SIGKILL. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        log.warn("{} did not stop within {} s; killing it", name, STOP_TIMEOUT.toSeconds());
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      } else {
        log.info("{} stopped (exit code {})", name, process.exitValue());
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
