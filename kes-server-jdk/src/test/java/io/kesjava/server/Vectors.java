package io.kesjava.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kesjava.testkit.KesVectors;
import java.util.ArrayList;
import java.util.List;

/** The KES test vectors ({@code kes-vectors.json}), by kind. */
public final class Vectors {

  private static final JsonNode ROOT = load();

  private Vectors() {}

  /** The vectors of {@code kind}, in file order. */
  public static List<JsonNode> ofKind(String kind) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode v : ROOT.get("vectors")) {
      if (v.get("kind").asText().equals(kind)) {
        out.add(v);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no vectors of kind " + kind);
    }
    return out;
  }

  private static JsonNode load() {
    return KesVectors.read(new ObjectMapper()::readTree);
  }
}
