package io.kesjava.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
    try (InputStream in = Vectors.class.getResourceAsStream("/kes-vectors.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
