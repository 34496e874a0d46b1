package io.geyserindexer.ingestor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.geyserindexer.ingestor.testing.IngestorHarness;
import io.geyserindexer.ingestor.testing.ScriptedGeyserServer;
import io.geyserindexer.ingestor.testing.ScriptedUpdates;
import io.geyserindexer.ingestor.testing.TopicRecords;
import io.geyserindexer.testkit.SharedKafka;
import io.geyserindexer.testkit.UniqueNames;
import io.grpc.TlsServerCredentials;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The https:// path with a custom CA file (GEYSER_CA_FILE): a TLS Geyser server whose self-signed
 * certificate, made with the JDK's own keytool, is trusted only through that file.
 */
class TlsIT {

  private static final String PASSWORD = "changeit";
  private static final String TOKEN = "tls-token";

  @Test
  void streamsOverTlsTrustingOnlyTheGivenCaFile(@TempDir Path dir) throws Exception {
    Path keystore = dir.resolve("server.p12");
    Path caFile = dir.resolve("ca.pem");
    keytool(
        "-genkeypair",
        "-alias",
        "geyser",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=dns:localhost,ip:127.0.0.1",
        "-validity",
        "2",
        "-keystore",
        keystore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD,
        "-keypass",
        PASSWORD);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "geyser",
        "-keystore",
        keystore.toString(),
        "-storepass",
        PASSWORD,
        "-file",
        caFile.toString());

    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, PASSWORD.toCharArray());

    List<ScriptedUpdates.Item> script = ScriptedUpdates.slots(9000, 10, 6);
    String prefix = UniqueNames.of("tls");
    String bootstrap = SharedKafka.bootstrapServers();
    try (ScriptedGeyserServer server =
            new ScriptedGeyserServer(
                script,
                TOKEN,
                100,
                TlsServerCredentials.newBuilder().keyManager(keys.getKeyManagers()).build());
        IngestorPipeline pipeline =
            IngestorHarness.start(
                IngestorHarness.config(
                    server.endpoint(),
                    bootstrap,
                    prefix,
                    "--geyser-x-token",
                    TOKEN,
                    "--geyser-ca-file",
                    caFile.toString()))) {
      assertThat(server.endpoint()).startsWith("https://");
      List<String> topics = IngestorHarness.topics(prefix);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> TopicRecords.count(bootstrap, topics) >= script.size());
      assertThat(TopicRecords.count(bootstrap, topics)).isEqualTo(script.size());
      assertThat(server.tokensSeen()).containsOnly(TOKEN);
    }
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("keytool %s: %s", args[0], output).isZero();
  }
}
