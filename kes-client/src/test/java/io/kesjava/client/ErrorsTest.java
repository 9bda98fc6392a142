package io.kesjava.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.core.InvalidArgumentException;
import io.kesjava.core.KesException;
import io.kesjava.core.KeyExistsException;
import io.kesjava.core.KeyNotFoundException;
import io.kesjava.core.KeyStoreUnavailableException;
import io.kesjava.core.NotAllowedException;
import org.junit.jupiter.api.Test;

/** Error responses read as {@code docs/http-api.md#errors} says. */
class ErrorsTest {

  @Test
  void jsonBody_givesItsMessage_andTheTypedException() {
    KesException e = Errors.parse(404, "application/json", "{\"message\":\"key does not exist\"\n}"
        .getBytes(UTF_8));
    assertThat(e).isExactlyInstanceOf(KeyNotFoundException.class);
  }

  @Test
  void jsonBody_prefersANonEmptyErrorMember() {
    assertThat(Errors.parse(400, "application/json; charset=utf-8",
        "{\"error\":\"key already exists\",\"message\":\"x\"}".getBytes(UTF_8)))
        .isExactlyInstanceOf(KeyExistsException.class);
    assertThat(Errors.parse(400, " application/json", "{\"error\":\"\",\"message\":\"bad\"}"
        .getBytes(UTF_8))).isExactlyInstanceOf(InvalidArgumentException.class).hasMessage("bad");
  }

  @Test
  void textBody_isTheMessage_likeTheRoutersNotFound() {
    KesException e = Errors.parse(404, "text/plain; charset=utf-8",
        "404 page not found\n".getBytes(UTF_8));
    assertThat(e).isExactlyInstanceOf(KesException.class).hasMessage("404 page not found");
    assertThat(e.status()).isEqualTo(404);
  }

  @Test
  void legacyMessages_areTranslated() {
    assertThat(Errors.parse(403, "application/json; charset=utf-8",
        "{\"message\":\"prohibited by policy\"}".getBytes(UTF_8)))
        .isExactlyInstanceOf(NotAllowedException.class);
    assertThat(Errors.parse(400, "application/json",
        "{\"message\":\"key does already exist\"}".getBytes(UTF_8)))
        .isExactlyInstanceOf(KeyExistsException.class);
  }

  @Test
  void malformedJson_fallsBackToTheText_andAStoreFailureIsTyped() {
    assertThat(Errors.parse(502, "application/json", "[1,2]".getBytes(UTF_8)))
        .isExactlyInstanceOf(KeyStoreUnavailableException.class).hasMessage("[1,2]");
    assertThat(Errors.parse(500, "", new byte[0])).hasMessage("");
  }
}
