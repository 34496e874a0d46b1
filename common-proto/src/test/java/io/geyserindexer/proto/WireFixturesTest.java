package io.geyserindexer.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geyserindexer.proto.geyser.SubscribeReplayInfoResponse;
import io.geyserindexer.proto.geyser.SubscribeRequest;
import io.geyserindexer.proto.geyser.SubscribeUpdate;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decodes every fixture written by an independent Yellowstone encoder with our generated classes
 * and checks every value its {@code .json} lists. A listed key we cannot render fails the test, so
 * a fixture can never be checked only in part.
 */
class WireFixturesTest {

  private static final String DIR = "/fixtures/yellowstone/";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Keys that describe the fixture rather than a decoded value. */
  private static final Set<String> NOT_VALUES = Set.of("note", "byte_identical_reencoding");

  static Stream<String> fixtureNames() throws IOException {
    List<String> names = new ArrayList<>();
    for (JsonNode entry : readJson("index.json")) {
      names.add(entry.get("name").asText());
    }
    return names.stream();
  }

  @Test
  void theIndexListsEveryFixtureInTheFolder() throws IOException {
    assertThat(fixtureNames().count()).isEqualTo(17);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtureNames")
  void decodesEveryListedValue(String name) throws IOException {
    JsonNode spec = readJson(name + ".json");
    byte[] wire = readBytes(spec.get("file").asText());
    assertThat(wire).hasSize(spec.get("bytes").asInt());
    assertThat(WireFixtureRendering.sha256(wire)).isEqualTo(spec.get("sha256").asText());

    String type = spec.get("type").asText();
    com.google.protobuf.Message decoded;
    Map<String, Object> rendered;
    switch (type) {
      case "geyser.SubscribeUpdate" -> {
        SubscribeUpdate update = SubscribeUpdate.parseFrom(wire);
        decoded = update;
        rendered = WireFixtureRendering.render(update);
      }
      case "geyser.SubscribeRequest" -> {
        SubscribeRequest request = SubscribeRequest.parseFrom(wire);
        decoded = request;
        rendered = WireFixtureRendering.render(request);
      }
      case "geyser.SubscribeReplayInfoResponse" -> {
        SubscribeReplayInfoResponse response = SubscribeReplayInfoResponse.parseFrom(wire);
        decoded = response;
        rendered = WireFixtureRendering.render(response);
      }
      default -> throw new AssertionError("fixture " + name + " has an unknown type " + type);
    }
    assertThat(decoded.getUnknownFields().asMap())
        .as("%s: every field on the wire is known to our proto", name)
        .isEmpty();

    JsonNode actual = JSON.readTree(JSON.writeValueAsString(rendered));
    JsonNode expect = spec.get("expect");
    int checked = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = expect.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (NOT_VALUES.contains(field.getKey())) {
        continue;
      }
      assertContains(name + ": " + field.getKey(), field.getValue(), actual.get(field.getKey()));
      checked++;
    }
    assertThat(checked).as("%s lists values to check", name).isPositive();

    if (expect.path("byte_identical_reencoding").asBoolean(false)) {
      assertThat(decoded.toByteArray()).as("%s re-encodes byte-identically", name).isEqualTo(wire);
    } else {
      assertThat(decoded.getParserForType().parseFrom(decoded.toByteArray()))
          .as("%s re-encodes to an equal message", name)
          .isEqualTo(decoded);
    }
  }

  /**
   * Every key the expected object lists must be rendered with an equal value; arrays must match in
   * length and element by element; scalars must be equal (numbers compared by value).
   */
  private static void assertContains(String path, JsonNode expected, JsonNode actual) {
    if (actual == null || actual.isMissingNode()) {
      fail(path + " is listed by the fixture but our decoding has no such value");
    }
    if (expected.isObject()) {
      assertThat(actual.isObject()).as(path + " is an object").isTrue();
      expected
          .fields()
          .forEachRemaining(
              f -> assertContains(path + "." + f.getKey(), f.getValue(), actual.get(f.getKey())));
    } else if (expected.isArray()) {
      assertThat(actual.isArray()).as(path + " is an array").isTrue();
      assertThat(actual.size()).as(path + " length").isEqualTo(expected.size());
      for (int i = 0; i < expected.size(); i++) {
        assertContains(path + "[" + i + "]", expected.get(i), actual.get(i));
      }
    } else if (expected.isNumber()) {
      assertThat(actual.isNumber()).as(path + " is a number, was " + actual).isTrue();
      assertThat(actual.decimalValue()).as(path).isEqualByComparingTo(expected.decimalValue());
    } else {
      assertThat(actual).as(path).isEqualTo(expected);
    }
  }

  private static JsonNode readJson(String file) throws IOException {
    return JSON.readTree(readBytes(file));
  }

  private static byte[] readBytes(String file) throws IOException {
    try (InputStream in = WireFixturesTest.class.getResourceAsStream(DIR + file)) {
      if (in == null) {
        throw new IOException("fixture " + DIR + file + " is missing from the test classpath");
      }
      return in.readAllBytes();
    }
  }
}
