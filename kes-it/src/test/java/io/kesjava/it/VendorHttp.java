package io.kesjava.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * The test's own client of a vendor's REST API, to read what a fake holds the way any client of
 * that vendor would: plain JSON over HTTP(S), trusting only the given certificates.
 *
 * <p>Thread-safety: thread-safe.
 */
final class VendorHttp {

  static final ObjectMapper JSON = new ObjectMapper();

  /** A response: its status and body. */
  record Response(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }
  }

  private final HttpClient client;

  VendorHttp(List<X509Certificate> trusted) {
    client =
        HttpClient.newBuilder()
            .sslContext(Pki.clientContext(trusted))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /**
   * Sends one request.
   *
   * @param body the request body, or {@code null} for none
   * @param headers names and values, alternating
   */
  Response send(String method, String url, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    HttpResponse<String> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body());
  }

  /** {@code value} as a JSON string literal. */
  static String quote(String value) {
    return JSON.getNodeFactory().textNode(value).toString();
  }
}
