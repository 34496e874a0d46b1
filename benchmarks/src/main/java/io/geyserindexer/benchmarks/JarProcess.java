package io.geyserindexer.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** A project process (simulator, ingestor, persister) started from its jar for one measurement. */
final class JarProcess implements AutoCloseable {

  /** Children still running; destroyed if the harness itself is stopped (Ctrl-C, SIGTERM). */
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroy), "children-stop"));
  }

  private final String name;
  private final Process process;
  private final Path log;
  private final Path gcLog;

  private JarProcess(String name, Process process, Path log, Path gcLog) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.gcLog = gcLog;
  }

  static JarProcess start(
      Path home, String module, Map<String, String> env, Path logDir, String heap)
      throws IOException {
    return start(home, module, List.of(), env, logDir, heap);
  }

  /** Starts {@code <module>/target/<module>.jar} with command-line {@code args} and {@code env}. */
  static JarProcess start(
      Path home,
      String module,
      List<String> args,
      Map<String, String> env,
      Path logDir,
      String heap)
      throws IOException {
    Path jar = home.resolve(module).resolve("target").resolve(module + ".jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: run `mvn -q -DskipTests package` first");
    }
    List<String> command = new ArrayList<>(List.of("-Xmx" + heap, "-jar", jar.toString()));
    command.addAll(args);
    return launch(module, command, env, logDir);
  }

  /**
   * Starts {@code mainClass} from this harness's own class path in a JVM of its own (the broker: so
   * its memory and CPU are its own, not the harness's).
   */
  static JarProcess startMain(
      String name, String mainClass, List<String> args, Path logDir, String heap)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of("-Xmx" + heap, "-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(args);
    return launch(name, command, Map.of(), logDir);
  }

  private static JarProcess launch(
      String name, List<String> javaArgs, Map<String, String> env, Path logDir) throws IOException {
    Files.createDirectories(logDir);
    String stem = name + "-" + System.nanoTime();
    Path log = logDir.resolve(stem + ".log");
    // Every pause with its wall-clock time, so a stall in a run's samples can be matched to a GC.
    Path gcLog = logDir.resolve(stem + "-gc.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xlog:gc:file=" + gcLog + ":time,uptime");
    command.addAll(javaArgs);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    RUNNING.add(process);
    return new JarProcess(name, process, log, gcLog);
  }

  /** Whether the process has written {@code text} to its log so far. */
  boolean logContains(String text) {
    try {
      return Files.readString(log).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  Path log() {
    return log;
  }

  /** The JVM's GC log (unified logging, {@code gc} at info: one line per pause). */
  Path gcLog() {
    return gcLog;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  String describeExit() {
    try {
      List<String> lines = Files.readAllLines(log);
      return name
          + " exited with "
          + process.exitValue()
          + ":\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return name + " exited; no log: " + e.getMessage();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
    RUNNING.remove(process);
  }
}
