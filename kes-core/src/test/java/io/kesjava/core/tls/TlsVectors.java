package io.kesjava.core.tls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kesjava.testkit.KesVectors;
import java.util.ArrayList;
import java.util.List;

/** The KES test vectors ({@code kes-vectors.json}, from kes-testkit) of one kind. */
final class TlsVectors {

  private TlsVectors() {}

  static List<JsonNode> ofKind(String kind) {
    JsonNode root = KesVectors.read(new ObjectMapper()::readTree);
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode v : root.get("vectors")) {
      if (v.get("kind").asText().equals(kind)) {
        out.add(v);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("no vectors of kind " + kind);
    }
    return out;
  }
}
