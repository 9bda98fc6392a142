package io.kesjava.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kesjava.core.Identity;
import io.kesjava.core.InvalidArgumentException;
import io.kesjava.server.Vectors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ForwardedCertificateTest {

  /** Vectors {@code tls-proxy-client-cert#*}: the header lookup is by the configured name. */
  @Test
  void vectors_tlsProxyClientCert() {
    for (JsonNode v : Vectors.ofKind("tls-proxy-client-cert")) {
      String header = v.get("cert_header").isNull() ? "X-Tls-Client-Cert"
          : v.get("cert_header").asText();
      List<String> values = null;
      for (var e : v.get("request_headers").properties()) {
        if (e.getKey().equalsIgnoreCase(header)) {
          values = new ArrayList<>();
          for (JsonNode s : e.getValue()) {
            values.add(s.asText());
          }
        }
      }
      JsonNode exp = v.get("expected");
      List<String> in = values;
      if (exp.get("ok").asBoolean()) {
        assertThat(Identity.of(ForwardedCertificate.parse(in)).value()).as(v.get("id").asText())
            .isEqualTo(exp.get("identity").asText());
      } else {
        assertThatThrownBy(() -> ForwardedCertificate.parse(in)).as(v.get("id").asText())
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage(exp.get("message").asText());
      }
    }
  }

  @Test
  void invalidEscapesAndBlocks_areInvalidCertificates() {
    for (String bad : new String[] {"%A-----BEGIN", "-----BEGIN+PRIVATE+KEY-----%0AAAAA%0A-----END+PRIVATE+KEY-----",
        "garbage", "-----BEGIN+CERTIFICATE-----%0A!!!!%0A-----END+CERTIFICATE-----"}) {
      assertThatThrownBy(() -> ForwardedCertificate.parse(List.of(bad))).as(bad)
          .hasMessage("invalid client certificate");
    }
  }

  /** Vectors {@code tls-proxy-add#*}: the empty identity is never a proxy. */
  @Test
  void vectors_tlsProxyAdd() {
    for (JsonNode v : Vectors.ofKind("tls-proxy-add")) {
      Set<String> add = new HashSet<>();
      v.get("add_identities").forEach(n -> add.add(n.asText()));
      Set<String> expected = new HashSet<>();
      v.get("expected").get("proxies").forEach(n -> expected.add(n.asText()));
      assertThat(new Authenticator(add, "X-Tls-Client-Cert", (i, p) -> false, c -> true).proxies())
          .as(v.get("id").asText()).isEqualTo(expected);
    }
  }

  @Test
  void forwardedFor_firstElement_portOptional_unknownIgnored() {
    assertThat(Addresses.forwardedFor(List.of("10.1.2.3, 10.0.0.1"))).isEqualTo("10.1.2.3");
    assertThat(Addresses.forwardedFor(List.of("10.1.2.3:4567"))).isEqualTo("10.1.2.3");
    assertThat(Addresses.forwardedFor(List.of("[2001:db8::1]:80"))).isEqualTo("2001:db8::1");
    assertThat(Addresses.forwardedFor(List.of("2001:db8:0:0:0:0:0:1"))).isEqualTo("2001:db8::1");
    assertThat(Addresses.forwardedFor(List.of("unknown"))).isNull();
    assertThat(Addresses.forwardedFor(List.of("example.com"))).isNull();
    assertThat(Addresses.forwardedFor(null)).isNull();
  }
}
