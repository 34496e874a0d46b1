package io.geyserindexer.simulator.server;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** GetVersion's JSON text, shaped like upstream's: {"version": {...}, "extra": {...}}. */
final class VersionText {

  private VersionText() {}

  static String json() {
    String version = VersionText.class.getPackage().getImplementationVersion();
    return "{\"version\":{\"package\":\"geyser-indexer-simulator\",\"version\":\""
        + (version == null ? "dev" : version)
        + "\",\"proto\":\"12.6.0\",\"solana\":\"simulated\"},\"extra\":{\"hostname\":\""
        + escape(hostname())
        + "\"}}";
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
