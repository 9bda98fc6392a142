package io.kesjava.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kesjava.core.IdentityNotFoundException;
import io.kesjava.core.KesException;
import io.kesjava.core.KeyExistsException;
import io.kesjava.core.KeyNotFoundException;
import io.kesjava.core.NotAllowedException;
import io.kesjava.core.NotAuthenticException;
import io.kesjava.core.PolicyNotFoundException;
import io.kesjava.testkit.KesVectors;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The client's vectors among the KES test vectors ({@code kes-vectors.json}, from kes-testkit),
 * each run as a test named by its id: URL joining, audit and error stream lines, and error
 * equality.
 */
class ClientVectorsTest {

  private static final JsonNode ROOT = load();

  /** kms-go's canonical errors that KesException.of must turn into their typed classes. */
  private static final Map<String, Class<? extends KesException>> CANONICAL = Map.of(
      "ErrKeyNotFound", KeyNotFoundException.class,
      "ErrKeyExists", KeyExistsException.class,
      "ErrNotAllowed", NotAllowedException.class,
      "ErrPolicyNotFound", PolicyNotFoundException.class,
      "ErrIdentityNotFound", IdentityNotFoundException.class,
      "ErrDecrypt", NotAuthenticException.class);

  @TestFactory
  Stream<DynamicTest> clientEndpoint() {
    return tests("client-endpoint", v -> {
      List<String> elements = new ArrayList<>();
      if (v.get("elements").isArray()) {
        v.get("elements").forEach(e -> elements.add(e.asText()));
      }
      String url = Endpoints.text(Endpoints.join(Endpoints.parse(v.get("endpoint").asText()),
          elements.toArray(new String[0])));
      assertThat(url).isEqualTo(v.get("expected").get("url").asText());
    });
  }

  @TestFactory
  Stream<DynamicTest> auditStreamParse() {
    return tests("audit-stream-parse", v -> {
      JsonNode want = v.get("expected");
      AuditEvent e = AuditEvent.parse(v.get("line").asText());
      assertThat(e.time()).isEqualTo(Instant.parse(want.get("timestamp").asText()));
      assertThat(e.path()).isEqualTo(want.get("api_path").asText());
      assertThat(e.ip()).isEqualTo(want.get("client_ip").isNull() ? ""
          : want.get("client_ip").asText());
      assertThat(e.identity()).isEqualTo(want.get("identity").asText());
      assertThat(e.statusCode()).isEqualTo(want.get("status_code").asInt());
      assertThat(e.responseTimeRaw()).isEqualTo(want.get("response_time_raw").asLong());
      assertThat(e.json()).isEqualTo(v.get("line").asText());
    });
  }

  @TestFactory
  Stream<DynamicTest> errorStreamParse() {
    return tests("error-stream-parse", v -> {
      ErrorEvent e = ErrorEvent.parse(v.get("line").asText());
      assertThat(e.message()).isEqualTo(v.get("expected").get("message").asText());
    });
  }

  @TestFactory
  Stream<DynamicTest> errorEquality() {
    return tests("error-equality", v -> {
      int status = v.get("status").asInt();
      String message = v.get("message").asText();
      byte[] body = ("{\"message\":" + new ObjectMapper().valueToTree(message) + "\n}")
          .getBytes(StandardCharsets.UTF_8);
      KesException e = Errors.parse(status, "application/json", body);
      assertThat(e.status()).isEqualTo(status);
      assertThat(e.getMessage()).isEqualTo(message);
      JsonNode canonical = v.get("expected").get("equals_canonical_error");
      if (canonical.isNull()) {
        assertThat(CANONICAL.values()).doesNotContain(e.getClass());
      } else {
        assertThat(e).isExactlyInstanceOf(CANONICAL.get(canonical.asText()));
      }
    });
  }

  private static Stream<DynamicTest> tests(String kind, Consumer<JsonNode> check) {
    List<DynamicTest> out = new ArrayList<>();
    for (JsonNode v : ROOT.get("vectors")) {
      if (v.get("kind").asText().equals(kind)) {
        out.add(DynamicTest.dynamicTest(v.get("id").asText(), () -> check.accept(v)));
      }
    }
    assertThat(out).as("vectors of kind " + kind).isNotEmpty();
    return out.stream();
  }

  private static JsonNode load() {
    return KesVectors.read(new ObjectMapper()::readTree);
  }
}
