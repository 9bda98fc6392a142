package io.kesjava.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kesjava.testkit.KesVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The policy vectors of {@code kes-vectors.json}, one dynamic test per vector named by its id.
 * Vectors this module does not implement are reported as skipped, with the reason.
 */
class PolicyVectorsTest {

  private static final String PREFIX_RULE =
      "prefix rule on an allow pattern; kes-java matches allow patterns by glob";

  /**
   * {@code policy-match} vectors (the current KES's prefix rule) on which kes-java's rule gives a
   * different answer, so they are skipped. Deny patterns match by glob or prefix, so only an
   * allow pattern with a star that the prefix rule reads across a {@code /} could differ. None of
   * the current {@code policy-match} vectors is affected: their allow patterns either have no star
   * or end in a star inside the last segment. {@code DenyRuleTest} checks both sides of each case
   * where the rules differ.
   */
  private static final Map<String, String> PREFIX_ONLY = Map.of();

  private static final JsonNode VECTORS = load();

  private static JsonNode load() {
    return KesVectors.read(new ObjectMapper()::readTree).get("vectors");
  }

  private static Stream<DynamicTest> forKind(String kind, Consumer<JsonNode> check) {
    List<JsonNode> vectors = new ArrayList<>();
    VECTORS.forEach(
        v -> {
          if (v.get("kind").asText().equals(kind)) {
            vectors.add(v);
          }
        });
    assertThat(vectors).as("vectors of kind %s", kind).isNotEmpty();
    return vectors.stream()
        .map(v -> DynamicTest.dynamicTest(v.get("id").asText(), () -> check.accept(v)));
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null && !array.isNull()) {
      array.forEach(s -> out.add(s.asText()));
    }
    return out;
  }

  private static void checkPolicy(JsonNode v) {
    Policy policy = new Policy("vector", strings(v.get("allow")), strings(v.get("deny")));
    boolean expected = v.get("expected").get("allowed").asBoolean();

    assertThat(policy.allows(v.get("path").asText())).isEqualTo(expected);
  }

  @TestFactory
  Stream<DynamicTest> policyMatchGlob() {
    return forKind("policy-match-glob", PolicyVectorsTest::checkPolicy);
  }

  @TestFactory
  Stream<DynamicTest> policyGlobValidate() {
    return forKind(
        "policy-glob-validate",
        v -> {
          boolean expected = v.get("expected").get("valid").asBoolean();
          List<String> patterns = strings(v.get("patterns"));

          assertThat(patterns.stream().allMatch(Glob::isValid)).isEqualTo(expected);
        });
  }

  /** The current KES's prefix rule: run where kes-java agrees, skip by id where it does not. */
  @TestFactory
  Stream<DynamicTest> policyMatch() {
    return forKind(
        "policy-match",
        v -> {
          String id = v.get("id").asText();
          Assumptions.assumeFalse(PREFIX_ONLY.containsKey(id), PREFIX_RULE);
          checkPolicy(v);
        });
  }

  /** A client-side helper of kms-go (is one policy a subset of another), unused by a server. */
  @TestFactory
  Stream<DynamicTest> policySubset() {
    return forKind(
        "policy-subset",
        v ->
            Assumptions.abort(
                "client-side kms-go helper built on the prefix rule; not part of kes-policy"));
  }

  /** The v0.17 policy JSON shapes belong to the server's JSON layer, not to this JDK module. */
  @TestFactory
  Stream<DynamicTest> policyJson() {
    Consumer<JsonNode> skip =
        v -> Assumptions.abort("v0.17 policy JSON is the server's concern (kes-server-jdk)");
    return Stream.concat(
        forKind("policy-json-marshal-v0.17", skip), forKind("policy-json-unmarshal-v0.17", skip));
  }
}
