package io.kesjava.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kesjava.it.VendorHttp.Response;
import io.kesjava.keystore.azure.FakeKeyVault;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@code keystore.azure.keyvault} ({@code docs/keystores/azure.md#configuration}) with a
 * user-assigned managed identity, against kes-keystore-azure's fake of Key Vault's secrets API over
 * HTTPS with the bearer challenge, keeping Key Vault's rules (names without case, 25 KiB values,
 * soft delete). The value is the secret named after the key, as text ({@code
 * docs/keystores/README.md#what-is-stored}). Deleting a key soft-deletes its secret (kes-java's
 * default; {@code purge_on_delete} is off).
 *
 * <p>What differs from a deployment on Azure: the managed identity is that of an App Service, whose
 * token endpoint the platform names in {@code IDENTITY_ENDPOINT} and {@code IDENTITY_HEADER}; here
 * those point at a token endpoint of the test on loopback, which hands out the fake vault's token.
 * The vault's name, {@code kes-test.vault.azure.net}, resolves to loopback through the hosts file,
 * and its self-signed certificate is trusted through the server JVM's trust store ({@code
 * keystore.azure} has no CA setting). Client-secret credentials ({@code credentials.tenant_id,
 * client_id, client_secret}) are not covered: their token comes from Microsoft Entra ID, which the
 * Azure library first looks up on Microsoft's own hosts. Nothing here may reach the instance
 * metadata address; the {@link OutboundSentinel} would record it.
 */
class AzureE2eTest extends KeyStoreE2eTest {

  private static final String CLIENT_ID = "6f1c2a3e-8b4d-4c5e-9f60-71a2b3c4d5e6";
  private static final String VAULT_RESOURCE = "https://vault.azure.net";

  private FakeKeyVault vault;
  private X509Certificate vaultCertificate;
  private VendorHttp http;
  private HttpServer identity;
  private final String identityHeader =
      HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
  private final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startKeyVault() throws Exception {
    vault = new FakeKeyVault();
    vaultCertificate = presentedCertificate(URI.create(vault.vaultUrl()));
    http = new VendorHttp(List.of(vaultCertificate));
    identity = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    identity.createContext("/msi/token", this::issueToken);
    identity.start();
  }

  @AfterEach
  void stopKeyVault() {
    identity.stop(0);
    vault.close();
  }

  @Override
  String keyStoreSection() {
    return String.join(
        "\n",
        "  azure:",
        "    keyvault:",
        "      endpoint: " + vault.vaultUrl(),
        "      managed_identity:",
        "        client_id: " + CLIENT_ID);
  }

  @Override
  String description() {
    return "Azure KeyVault: " + vault.vaultUrl();
  }

  /** What App Service sets for an application with a managed identity. */
  @Override
  Map<String, String> serverEnvironment() {
    return Map.of(
        "IDENTITY_ENDPOINT",
        "http://127.0.0.1:" + identity.getAddress().getPort() + "/msi/token",
        "IDENTITY_HEADER",
        identityHeader);
  }

  @Override
  List<String> serverJvmOptions() throws Exception {
    return Pki.trustStoreOptions(
        Pki.writeTrustStore(dir.resolve("azure-trust.p12"), List.of(vaultCertificate)));
  }

  /** {@code GET /secrets/<name>}: the latest version, which for KES is the only one. */
  @Override
  Optional<byte[]> storedValue(String name) throws Exception {
    Response response = vaultRequest("GET", "/secrets/" + name);
    if (response.status() == 404) {
      return Optional.empty();
    }
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.json().has("contentType"))
        .as("a content type marks a binary value")
        .isFalse();
    return Optional.of(response.json().path("value").asText().getBytes(UTF_8));
  }

  /** Gone from the secrets, but soft-deleted: Azure's recovery window still holds it. */
  @Override
  void assertDeletedFromBackend(String name) throws Exception {
    assertThat(storedValue(name)).isEmpty();
    Response deleted = vaultRequest("GET", "/deletedsecrets/" + name);
    assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
    assertThat(deleted.json().path("recoveryId").asText()).endsWith("/deletedsecrets/" + name);
  }

  /** The server took its tokens from the managed identity's endpoint, for Key Vault. */
  @Override
  void assertBackendSawTheServer() {
    assertThat(tokenRequests).isNotEmpty();
    for (Map<String, String> request : tokenRequests) {
      assertThat(request)
          .containsEntry("X-IDENTITY-HEADER", identityHeader)
          .containsEntry("client_id", CLIENT_ID)
          .containsEntry("resource", VAULT_RESOURCE)
          .containsKey("api-version");
    }
  }

  private Response vaultRequest(String method, String path) throws Exception {
    return http.send(
        method,
        vault.vaultUrl() + path + "?api-version=7.6",
        null,
        "Authorization",
        "Bearer " + FakeKeyVault.TOKEN);
  }

  /** App Service's token endpoint (API version 2019-08-01), handing out the fake vault's token. */
  private void issueToken(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> request = new LinkedHashMap<>();
      String query = exchange.getRequestURI().getRawQuery();
      for (String pair : query == null ? new String[0] : query.split("&")) {
        int eq = pair.indexOf('=');
        request.put(
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), UTF_8),
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), UTF_8));
      }
      String header = exchange.getRequestHeaders().getFirst("X-IDENTITY-HEADER");
      request.put("X-IDENTITY-HEADER", header == null ? "(none)" : header);
      tokenRequests.add(request);
      ObjectNode token = VendorHttp.JSON.createObjectNode();
      int status;
      if (identityHeader.equals(header) && CLIENT_ID.equals(request.get("client_id"))) {
        status = 200;
        token.put("access_token", FakeKeyVault.TOKEN);
        token.put("expires_on", String.valueOf(Instant.now().plusSeconds(3600).getEpochSecond()));
        token.put("resource", request.getOrDefault("resource", ""));
        token.put("token_type", "Bearer");
        token.put("client_id", CLIENT_ID);
      } else {
        status = 400;
        token.put("error", "invalid_request");
      }
      byte[] body = token.toString().getBytes(UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /**
   * The certificate a TLS server presents, as {@code openssl s_client} would show it: the fake's
   * self-signed certificate, which the server's JVM then trusts.
   */
  private static X509Certificate presentedCertificate(URI url) throws Exception {
    X509TrustManager recordOnly =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {recordOnly}, null);
    try (SSLSocket socket =
        (SSLSocket)
            context
                .getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), url.getPort())) {
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setServerNames(List.of(new SNIHostName(url.getHost())));
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }
}
