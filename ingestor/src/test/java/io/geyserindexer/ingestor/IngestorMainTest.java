package io.geyserindexer.ingestor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestorMainTest {

  @Test
  void aBadSettingExitsWithCodeTwoAndOneLineNamingIt() {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code =
          IngestorMain.run(
              new String[0],
              Map.of(
                  "GEYSER_ENDPOINT",
                  "http://h:1",
                  "KAFKA_BOOTSTRAP_SERVERS",
                  "k:1",
                  "QUEUE_CAPACITY",
                  "lots",
                  "GEYSER_X_TOKEN",
                  "hush"));
      assertThat(code).isEqualTo(2);
    } finally {
      System.setErr(original);
    }
    String text = err.toString(StandardCharsets.UTF_8);
    assertThat(text.lines()).hasSize(1);
    assertThat(text).contains("--queue-capacity").contains("lots").doesNotContain("hush");
  }
}
