package io.kesjava.keystore.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.testkit.TestPki;
import java.io.IOException;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import javax.net.ssl.SSLHandshakeException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The retry rule of the REST key stores (docs/keystores/README.md). */
class RetryTest {

  private final RecordingLogger log = new RecordingLogger();
  private MockWebServer server;
  private OkHttpClient client;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    client =
        new OkHttpClient.Builder()
            .addInterceptor(new Retry(Duration.ZERO, Duration.ZERO, log))
            .readTimeout(Duration.ofMillis(500))
            .build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private int send(Retry.Attempts attempts) throws IOException {
    Request request =
        new Request.Builder().url(server.url("/keys/a")).tag(Retry.Attempts.class, attempts).build();
    try (Response response = client.newCall(request).execute()) {
      return response.code();
    }
  }

  @Test
  void serverErrors_areRetriedTwice_thenTheAnswerIsReturned() throws IOException {
    server.enqueue(new MockResponse.Builder().code(500).build());
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    Retry.Attempts attempts = new Retry.Attempts();

    assertThat(send(attempts)).isEqualTo(200);
    assertThat(attempts.count()).isEqualTo(3);
    assertThat(log.lines)
        .containsExactly("GET /keys/a answered 500; retrying", "GET /keys/a answered 503; retrying");
  }

  @Test
  void afterThreeServerErrors_theLastAnswerIsReturned() throws IOException {
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse.Builder().code(502).build());
    }
    Retry.Attempts attempts = new Retry.Attempts();

    assertThat(send(attempts)).isEqualTo(502);
    assertThat(attempts.count()).isEqualTo(1 + Retry.MAX_RETRIES);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void clientErrors_areNotRetried() throws IOException {
    server.enqueue(new MockResponse.Builder().code(404).build());
    Retry.Attempts attempts = new Retry.Attempts();

    assertThat(send(attempts)).isEqualTo(404);
    assertThat(attempts.count()).isEqualTo(1);
    assertThat(log.lines).isEmpty();
  }

  @Test
  void aTimeout_isRetried() throws IOException {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    Retry.Attempts attempts = new Retry.Attempts();

    assertThat(send(attempts)).isEqualTo(200);
    assertThat(attempts.count()).isEqualTo(2);
    assertThat(log.lines).containsExactly("GET /keys/a failed (SocketTimeoutException); retrying");
  }

  @Test
  void aDroppedConnection_isRetried() throws IOException {
    server.enqueue(
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    Retry.Attempts attempts = new Retry.Attempts();

    assertThat(send(attempts)).isEqualTo(200);
    assertThat(attempts.count()).isEqualTo(2);
    assertThat(log.lines).hasSize(1).allMatch(line -> line.startsWith("GET /keys/a failed ("));
  }

  @Test
  void aFailedHandshake_isNotRetried() throws Exception {
    server.close();
    server = new MockWebServer();
    server.useHttps(new TestPki().serverSocketFactory());
    server.start();
    Retry.Attempts attempts = new Retry.Attempts();

    assertThatThrownBy(() -> send(attempts)).isInstanceOf(SSLHandshakeException.class);
    assertThat(attempts.count()).isEqualTo(1);
    assertThat(log.lines).isEmpty();
  }

  @Test
  void aRequestWithoutAttempts_isRetriedAllTheSame() throws IOException {
    server.enqueue(new MockResponse.Builder().code(500).build());
    server.enqueue(new MockResponse.Builder().code(204).build());

    try (Response response =
        client.newCall(new Request.Builder().url(server.url("/")).build()).execute()) {
      assertThat(response.code()).isEqualTo(204);
    }
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  /** Records every formatted message; the interceptor runs on the calling thread. */
  private static final class RecordingLogger implements System.Logger {
    final List<String> lines = new ArrayList<>();

    @Override
    public String getName() {
      return "test";
    }

    @Override
    public boolean isLoggable(Level level) {
      return true;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
      lines.add(message);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      lines.add(MessageFormat.format(format, params));
    }
  }
}
