package io.geyserindexer.ingestor.config;

import io.geyserindexer.runtime.retry.Backoff;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How to reach and follow the Geyser server, as picocli options; builds {@link GeyserConfig}. */
public final class GeyserOptions {

  @Option(
      names = "--geyser-endpoint",
      descriptionKey = "GEYSER_ENDPOINT",
      description = "http://host:port or https://host:port")
  String endpoint;

  @Option(
      names = "--geyser-x-token",
      descriptionKey = "GEYSER_X_TOKEN",
      description = "x-token sent on every call (secret).")
  String xToken;

  @Option(
      names = "--geyser-ca-file",
      descriptionKey = "GEYSER_CA_FILE",
      description = "PEM CA file for TLS; default system trust store.")
  Path caFile;

  @Option(
      names = "--geyser-max-inbound-message-bytes",
      descriptionKey = "GEYSER_MAX_INBOUND_MESSAGE_BYTES",
      defaultValue = "67108864")
  int maxInboundBytes;

  @Option(
      names = "--geyser-keepalive-time",
      descriptionKey = "GEYSER_KEEPALIVE_TIME",
      defaultValue = "30s")
  String keepAliveTime;

  @Option(
      names = "--geyser-keepalive-timeout",
      descriptionKey = "GEYSER_KEEPALIVE_TIMEOUT",
      defaultValue = "10s")
  String keepAliveTimeout;

  @Option(
      names = "--geyser-silence-timeout",
      descriptionKey = "GEYSER_SILENCE_TIMEOUT",
      defaultValue = "30s",
      description = "A stream silent this long is dead.")
  String silenceTimeout;

  @Option(
      names = "--geyser-backoff-initial",
      descriptionKey = "GEYSER_BACKOFF_INITIAL",
      defaultValue = "500ms")
  String backoffInitial;

  @Option(
      names = "--geyser-backoff-max",
      descriptionKey = "GEYSER_BACKOFF_MAX",
      defaultValue = "30s")
  String backoffMax;

  @Option(
      names = "--geyser-healthy-after",
      descriptionKey = "GEYSER_HEALTHY_AFTER",
      defaultValue = "60s",
      description =
          "A stream that lived this long resets the backoff (so does one that carried any"
              + " message: only failed connects climb it).")
  String healthyAfter;

  @Option(
      names = "--geyser-resume-overlap-slots",
      descriptionKey = "GEYSER_RESUME_OVERLAP_SLOTS",
      defaultValue = "0")
  int resumeOverlapSlots;

  @Option(
      names = "--live-start",
      descriptionKey = "GEYSER_LIVE_START",
      defaultValue = "false",
      arity = "0..1",
      fallbackValue = "true",
      description = "Ignore the slots topic at start-up; subscribe live.")
  String liveStart;

  @Option(
      names = "--capture-file",
      descriptionKey = "GEYSER_CAPTURE_FILE",
      description =
          "Record every received update (gzip, length-delimited SubscribeUpdate) for the"
              + " simulator's --replay-file.")
  String captureFile;

  /**
   * @throws IllegalArgumentException with one line naming the bad setting
   */
  GeyserConfig toConfig() {
    return new GeyserConfig(
        endpoint(),
        xToken == null || xToken.isEmpty() ? null : xToken,
        caFile(),
        maxInboundBytes,
        SettingText.duration("GEYSER_KEEPALIVE_TIME", keepAliveTime),
        SettingText.duration("GEYSER_KEEPALIVE_TIMEOUT", keepAliveTimeout),
        SettingText.duration("GEYSER_SILENCE_TIMEOUT", silenceTimeout),
        backoff(),
        SettingText.duration("GEYSER_HEALTHY_AFTER", healthyAfter),
        resumeOverlapSlots,
        liveStart != null && SettingText.bool("GEYSER_LIVE_START", liveStart),
        captureFile == null || captureFile.isBlank() ? null : Path.of(captureFile));
  }

  private URI endpoint() {
    if (endpoint == null || endpoint.isBlank()) {
      throw new IllegalArgumentException(
          "GEYSER_ENDPOINT is required (http://host:port or https://host:port)");
    }
    try {
      return new URI(endpoint.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("GEYSER_ENDPOINT is not a URI: " + e.getMessage());
    }
  }

  private Path caFile() {
    if (caFile != null && !Files.isReadable(caFile)) {
      throw new IllegalArgumentException("GEYSER_CA_FILE " + caFile + " is not a readable file");
    }
    return caFile;
  }

  private Backoff backoff() {
    try {
      return new Backoff(
          SettingText.duration("GEYSER_BACKOFF_INITIAL", backoffInitial),
          SettingText.duration("GEYSER_BACKOFF_MAX", backoffMax),
          2.0);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "GEYSER_BACKOFF_INITIAL/GEYSER_BACKOFF_MAX: " + e.getMessage());
    }
  }
}
