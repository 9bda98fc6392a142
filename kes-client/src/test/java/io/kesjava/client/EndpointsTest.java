package io.kesjava.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class EndpointsTest {

  private final AtomicLong now = new AtomicLong(1_000);

  private Endpoints three() {
    return new Endpoints(List.of(Endpoints.parse("a:1"), Endpoints.parse("b:2"),
        Endpoints.parse("c:3")), Duration.ofNanos(100), now::get);
  }

  @Test
  void parse_assumesHttps_andDropsSlashesAndSpace() {
    assertThat(Endpoints.text(Endpoints.parse(" 10.0.0.1:7373/ "))).isEqualTo("https://10.0.0.1:7373");
    assertThat(Endpoints.text(Endpoints.parse("HTTPS://kes.example:7373")))
        .isEqualTo("https://kes.example:7373");
  }

  @Test
  void parse_rejectsPlainHttpAndGarbage() {
    assertThatThrownBy(() -> Endpoints.parse("http://127.0.0.1:7373"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not HTTPS");
    assertThatThrownBy(() -> Endpoints.parse(" / "))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("endpoint is empty");
    assertThatThrownBy(() -> Endpoints.parse("https://host:7373/?x=1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void route_escapesTheResourceAndKeepsAnEmptyOneAsTrailingSlash() {
    HttpUrl base = Endpoints.parse("https://h:1");
    assertThat(Endpoints.route(base, "v1/key/list", "").encodedPath()).isEqualTo("/v1/key/list/");
    assertThat(Endpoints.route(base, "v1/key/create", "a/b c[]ä*").encodedPath())
        .isEqualTo("/v1/key/create/a%2Fb%20c%5B%5D%C3%A4*");
    assertThat(Endpoints.route(Endpoints.parse("https://h:1/kes/"), "v1/status", "x")
        .encodedPath()).isEqualTo("/kes/v1/status/x");
  }

  @Property
  void escape_leavesOnlyCharactersThatUrlsCarryAsTheyAre(@ForAll String segment) {
    String escaped = Endpoints.escape(segment);
    assertThat(escaped).matches("[A-Za-z0-9\\-._~!$&'()*+,;=:@%]*");
    assertThat(java.net.URLDecoder.decode(escaped.replace("+", "%2B"),
        java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(new String(segment.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void order_startsAtTheNextEndpointInTurn() {
    Endpoints e = three();
    assertThat(e.order()).containsExactly(0, 1, 2);
    assertThat(e.order()).containsExactly(1, 2, 0);
    assertThat(e.order()).containsExactly(2, 0, 1);
    assertThat(e.order()).containsExactly(0, 1, 2);
  }

  @Test
  void order_triesAnUnreachableEndpointLast_untilItsQuarantineIsOver() {
    Endpoints e = three();
    e.markDown(0);
    now.addAndGet(10);
    e.markDown(1);
    assertThat(e.order()).containsExactly(2, 0, 1); // in turn: 0, but 0 and 1 are down
    now.addAndGet(95); // 0's quarantine is over, 1's is not
    assertThat(e.order()).containsExactly(2, 0, 1); // in turn: 1, but 1 is down
    e.markUp(1);
    assertThat(e.order()).containsExactly(2, 0, 1); // in turn: 2
    assertThat(e.order()).containsExactly(0, 1, 2); // in turn: 0, all healthy
  }
}
