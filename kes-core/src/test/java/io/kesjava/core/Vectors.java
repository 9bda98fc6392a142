package io.kesjava.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kesjava.testkit.KesVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The KES test vectors ({@code kes-vectors.json}, from kes-testkit), as dynamic tests named by
 * id.
 */
final class Vectors {

  private static final JsonNode ROOT = load();

  private Vectors() {}

  static List<JsonNode> ofKind(String kind) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode v : ROOT.get("vectors")) {
      if (v.get("kind").asText().equals(kind)) {
        out.add(v);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("no vectors of kind " + kind);
    }
    return out;
  }

  static Stream<DynamicTest> tests(String kind, Consumer<JsonNode> check) {
    return ofKind(kind).stream()
        .map(v -> DynamicTest.dynamicTest(v.get("id").asText(), () -> check.accept(v)));
  }

  private static JsonNode load() {
    return KesVectors.read(new ObjectMapper()::readTree);
  }
}
