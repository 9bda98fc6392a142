package io.kesjava.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kesjava.testkit.KesVectors;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The KES test vectors ({@code kes-vectors.json}, from kes-testkit). */
final class Vectors {

  private static final JsonNode ROOT = load();

  private Vectors() {}

  /** All vectors of one kind, in file order. */
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

  /** The decoded {@code *_b64} member; empty if absent, null or "". */
  static byte[] b64(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return new byte[0];
    }
    return Base64.getDecoder().decode(v.asText());
  }

  static boolean isNull(JsonNode node, String field) {
    return node.get(field) == null || node.get(field).isNull();
  }

  static Instant instant(JsonNode node, String field) {
    return OffsetDateTime.parse(node.get(field).asText()).toInstant();
  }

  static MasterKey masterKey(KeyAlgorithm algorithm, byte[] key) {
    try (SecretBytes s = SecretBytes.copyOf(key)) {
      return MasterKey.of(algorithm, s);
    }
  }

  private static JsonNode load() {
    return KesVectors.read(new ObjectMapper()::readTree);
  }
}
