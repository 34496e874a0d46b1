package io.geyserindexer.testkit;

import org.testcontainers.DockerClientFactory;

/** Whether Testcontainers can reach a Docker engine; asked once per JVM. */
final class DockerProbe {

  private static volatile Boolean available;

  private DockerProbe() {}

  static boolean available() {
    Boolean answer = available;
    if (answer == null) {
      synchronized (DockerProbe.class) {
        answer = available;
        if (answer == null) {
          try {
            answer = DockerClientFactory.instance().isDockerAvailable();
          } catch (RuntimeException | LinkageError e) {
            answer = false;
          }
          available = answer;
        }
      }
    }
    return answer;
  }
}
