package io.kesjava.core.tls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The KES test vectors ({@code kes-vectors.json} in the test resources) of one kind. */
final class TlsVectors {

  private TlsVectors() {}

  static List<JsonNode> ofKind(String kind) {
    JsonNode root;
    try (InputStream in = TlsVectors.class.getResourceAsStream("/kes-vectors.json")) {
      root = new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
