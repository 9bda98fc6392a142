package io.kesjava.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterTest {

  private static Route route(String path) {
    return new Route("GET", path, 0, Duration.ZERO, Route.AuthMode.POLICY, false, true, c -> {});
  }

  private final Router router = new Router(List.of(route("/v1/status"), route("/v1/key/list/"),
      route("/v1/identity/describe/"), route("/v1/identity/self/describe")));

  @Test
  void cleanPath_asGo() {
    assertThat(Router.cleanPath("")).isEqualTo("/");
    assertThat(Router.cleanPath("//v1//status")).isEqualTo("/v1/status");
    assertThat(Router.cleanPath("/v1/./key/../status/")).isEqualTo("/v1/status/");
    assertThat(Router.cleanPath("/../a")).isEqualTo("/a");
    assertThat(Router.cleanPath("/")).isEqualTo("/");
  }

  @Test
  void match_exactPrefixRedirectAndNotFound() {
    assertThat(router.match("/v1/status").route().path()).isEqualTo("/v1/status");
    Router.Match m = router.match("/v1/key/list/my*");
    assertThat(m.route().path()).isEqualTo("/v1/key/list/");
    assertThat(m.resource()).isEqualTo("my*");
    assertThat(router.match("/v1/key/list").redirect()).isEqualTo("/v1/key/list/");
    assertThat(router.match("/v1//status").redirect()).isEqualTo("/v1/status");
    assertThat(router.match("/v1/identity/self/describe").route().path())
        .isEqualTo("/v1/identity/self/describe");
    assertThat(router.match("/v1/identity/self/describe/").found()).isFalse();
    assertThat(router.match("/v1/identity/self/describe/").redirect()).isNull();
    assertThat(router.match("/").found()).isFalse();
    assertThat(router.match("/v1/key/").found()).isFalse();
  }
}
