package io.kesjava.keystore.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import io.kesjava.keystore.common.Redactor;
import io.kesjava.testkit.LogCapture;
import io.kesjava.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The session tokens of the REST stores, on a clock the test moves. */
class SessionTokensTest {

  private static final String LOGGER = "io.kesjava.keystore.http.tokens";

  private final MutableClock clock = new MutableClock(Instant.parse("2024-01-12T10:00:00Z"));
  private final Redactor redactor = Redactor.builder().build();
  private final List<String> calls = new ArrayList<>();
  private final List<RuntimeException> failures = new ArrayList<>();
  private int issued;

  /** Tokens live ten minutes and are due after five; a queued failure is thrown instead. */
  private final SessionTokens tokens =
      new SessionTokens(
          (current, now) -> {
            calls.add(current == null ? "login" : "renew " + current);
            if (!failures.isEmpty()) {
              throw failures.remove(0);
            }
            return new SessionTokens.Grant(
                "token-" + ++issued,
                now.plus(Duration.ofMinutes(5)),
                now.plus(Duration.ofMinutes(10)));
          },
          clock,
          Duration.ofSeconds(30),
          redactor,
          System.getLogger(LOGGER),
          new SessionTokens.Wording(
              "acme: failed to log in",
              "session",
              "acme: no valid session; the last login failed: "));

  @Test
  void aTokenIsObtainedOnce_andRenewedWhenDue() {
    assertThat(tokens.current()).isEqualTo("token-1");
    clock.advance(Duration.ofMinutes(4));
    assertThat(tokens.current()).isEqualTo("token-1");
    clock.advance(Duration.ofMinutes(1));
    assertThat(tokens.current()).isEqualTo("token-2");

    assertThat(calls).containsExactly("login", "renew token-1");
    assertThat(redactor.redact("token-1 token-2")).isEqualTo("[redacted] [redacted]");
  }

  @Test
  void whenRenewalFails_theValidTokenStaysInUse_andTheNextAttemptWaits() {
    tokens.current();
    clock.advance(Duration.ofMinutes(6));
    failures.add(new KeyStoreUnreachableException("acme: down"));

    try (LogCapture log = new LogCapture(LOGGER)) {
      assertThat(tokens.current()).isEqualTo("token-1");
      clock.advance(Duration.ofSeconds(10));
      assertThat(tokens.current()).isEqualTo("token-1"); // no new attempt within 30 s
      clock.advance(Duration.ofSeconds(20));
      assertThat(tokens.current()).isEqualTo("token-2");

      assertThat(log.lines())
          .containsExactly(
              "WARNING acme: failed to log in (acme: down); the current session stays in use until"
                  + " it expires; next attempt in PT30S");
    }
    assertThat(calls).containsExactly("login", "renew token-1", "renew token-1");
  }

  @Test
  void withoutAValidToken_theLastFailureIsThrown_untilTheNextAttemptIsDue() {
    failures.add(new KeyStoreUnreachableException("acme: down"));

    assertThatThrownBy(tokens::current)
        .isExactlyInstanceOf(KeyStoreUnreachableException.class)
        .hasMessage("acme: down");
    assertThatThrownBy(tokens::current)
        .isExactlyInstanceOf(KeyStoreUnreachableException.class)
        .hasMessage("acme: no valid session; the last login failed: acme: down");
    assertThat(calls).containsExactly("login");

    failures.add(new KeyStoreException("acme: refused"));
    clock.advance(Duration.ofSeconds(30));
    assertThatThrownBy(tokens::current).isExactlyInstanceOf(KeyStoreException.class);
    assertThatThrownBy(tokens::current)
        .isExactlyInstanceOf(KeyStoreException.class)
        .hasMessage("acme: no valid session; the last login failed: acme: refused");

    clock.advance(Duration.ofSeconds(30));
    assertThat(tokens.current()).isEqualTo("token-1");
  }

  @Test
  void anInvalidatedToken_isReplacedAtTheNextRequest_butAStaleInvalidationIsIgnored() {
    tokens.current();
    tokens.invalidate("token-1");
    assertThat(tokens.current()).isEqualTo("token-2");

    tokens.invalidate("token-1"); // an answer to an older request: token-2 stays
    assertThat(tokens.current()).isEqualTo("token-2");
    assertThat(calls).containsExactly("login", "login");
  }
}
