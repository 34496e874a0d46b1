package io.geyserindexer.persister;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PersisterMainTest {

  @Test
  void invalidSettingExitsTwoWithOneLineNamingIt() {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code =
          PersisterMain.run(
              new String[0],
              Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092", "DATABASE_URL", "mysql://nope"));
    } finally {
      System.setErr(original);
    }
    assertThat(code).isEqualTo(2);
    String printed = err.toString(StandardCharsets.UTF_8).strip();
    assertThat(printed.lines()).hasSize(1);
    assertThat(printed).startsWith("invalid setting DATABASE_URL");
  }

  @Test
  void unparsableNumberExitsTwo() {
    PrintStream original = System.err;
    System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      assertThat(PersisterMain.run(new String[0], Map.of("MAX_POLL_RECORDS", "many"))).isEqualTo(2);
    } finally {
      System.setErr(original);
    }
  }
}
