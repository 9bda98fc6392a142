package io.kesjava.keystore.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class HttpClientsTest {

  private final Retry retry =
      new Retry(Duration.ZERO, Duration.ZERO, System.getLogger(HttpClientsTest.class.getName()));

  @Test
  void client_takesTheTimeoutsAndTheRetry() {
    OkHttpClient c =
        HttpClients.client(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(7),
            retry, null);
    assertThat(c.connectTimeoutMillis()).isEqualTo(10_000);
    assertThat(c.readTimeoutMillis()).isEqualTo(7_000);
    assertThat(c.writeTimeoutMillis()).isEqualTo(7_000);
    assertThat(c.interceptors()).containsExactly(retry);
  }
}
