package io.kesjava.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.secretmanager.v1.AccessSecretVersionRequest;
import com.google.cloud.secretmanager.v1.SecretManagerServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.kesjava.keystore.gcp.FakeSecretManager;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@code keystore.gcp.secretmanager} ({@code docs/keystores/gcp.md#configuration}) with a project,
 * an endpoint and scopes and no {@code credentials}, so Application Default Credentials: a
 * service-account key file named by {@code GOOGLE_APPLICATION_CREDENTIALS}. Against
 * kes-keystore-gcp's fake of the generated Secret Manager gRPC service, served here over TLS. The
 * value is the payload of version 1 of the secret named after the key ({@code
 * docs/keystores/README.md#what-is-stored}).
 *
 * <p>What differs from a deployment on Google: the endpoint's CA is trusted through the server
 * JVM's trust store ({@code javax.net.ssl.trustStore}), since {@code keystore.gcp} has no CA
 * setting; the fake accepts the credentials without checking them (the test checks that the server
 * sent a self-signed service-account JWT for the key file's account); and the four {@code
 * credentials} settings of the config are not used, because with them Google's library asks
 * Google's token service for an access token, which a loopback test cannot offer (the
 * application-default path signs its own JWT and asks nobody). The key file's {@code token_uri}
 * points at the {@link OutboundSentinel}, so a token request would show as a failure.
 */
class GcpE2eTest extends KeyStoreE2eTest {

  private static final String CLIENT_EMAIL = "kes-it@kes-test-project.iam.gserviceaccount.com";

  private FakeSecretManager fake;
  private Server tls;
  private ManagedChannel reader;
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startSecretManager() throws Exception {
    fake = new FakeSecretManager();
    ServerInterceptor recordAuthorization =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            String authorization =
                headers.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER));
            authorizations.add(authorization == null ? "(none)" : authorization);
            return next.startCall(call, headers);
          }
        };
    // The fake serves plaintext on its own port (the test reads values there); the server talks
    // to the same service through this TLS port, as to Google's endpoint.
    tls =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .sslContext(
                GrpcSslContexts.configure(
                        SslContextBuilder.forServer(PKI.serverKey, PKI.server, PKI.ca))
                    .build())
            .addService(ServerInterceptors.intercept(fake, recordAuthorization))
            .build()
            .start();
    reader = ManagedChannelBuilder.forTarget(fake.endpoint()).usePlaintext().build();
  }

  @AfterEach
  void stopSecretManager() throws Exception {
    reader.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    tls.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    fake.close();
  }

  private String endpoint() {
    return "127.0.0.1:" + tls.getPort();
  }

  @Override
  String keyStoreSection() {
    return String.join(
        "\n",
        "  gcp:",
        "    secretmanager:",
        "      project_id: " + FakeSecretManager.PROJECT_ID,
        "      endpoint: " + endpoint(),
        "      scopes:",
        "      - https://www.googleapis.com/auth/cloud-platform");
  }

  @Override
  String description() {
    return "GCP SecretManager: Project=" + FakeSecretManager.PROJECT_ID;
  }

  @Override
  Map<String, String> serverEnvironment() throws Exception {
    return Map.of("GOOGLE_APPLICATION_CREDENTIALS", serviceAccountKeyFile().toString());
  }

  @Override
  List<String> serverJvmOptions() throws Exception {
    return Pki.trustStoreOptions(
        Pki.writeTrustStore(dir.resolve("gcp-trust.p12"), List.of(PKI.ca)));
  }

  /** A service-account key file as the Cloud console hands it out, with a new RSA key. */
  private Path serviceAccountKeyFile() throws Exception {
    Path file = dir.resolve("service-account.json");
    if (Files.exists(file)) {
      return file;
    }
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    String key =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(UTF_8))
                .encodeToString(rsa.generateKeyPair().getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    ObjectNode json = VendorHttp.JSON.createObjectNode();
    json.put("type", "service_account");
    json.put("project_id", FakeSecretManager.PROJECT_ID);
    json.put("private_key_id", "0123456789abcdef0123456789abcdef01234567");
    json.put("private_key", key);
    json.put("client_email", CLIENT_EMAIL);
    json.put("client_id", "100000000000000000001");
    json.put("auth_uri", "http://127.0.0.1:" + sentinel.port() + "/auth");
    json.put("token_uri", "http://127.0.0.1:" + sentinel.port() + "/token");
    return Files.writeString(file, json.toPrettyString());
  }

  /** {@code AccessSecretVersion} of version 1, as any Secret Manager client would. */
  @Override
  Optional<byte[]> storedValue(String name) {
    try {
      return Optional.of(
          SecretManagerServiceGrpc.newBlockingStub(reader)
              .accessSecretVersion(
                  AccessSecretVersionRequest.newBuilder()
                      .setName(
                          "projects/"
                              + FakeSecretManager.PROJECT_ID
                              + "/secrets/"
                              + name
                              + "/versions/1")
                      .build())
              .getPayload()
              .getData()
              .toByteArray());
    } catch (StatusRuntimeException e) {
      assertThat(e.getStatus().getCode()).as(e.getMessage()).isEqualTo(Status.Code.NOT_FOUND);
      return Optional.empty();
    }
  }

  /**
   * Every call carried a JWT that the service account signed itself, for the key file's account.
   */
  @Override
  void assertBackendSawTheServer() throws Exception {
    assertThat(authorizations).isNotEmpty();
    for (String authorization : authorizations) {
      assertThat(authorization).startsWith("Bearer ");
      String[] jwt = authorization.substring(7).split("\\.");
      assertThat(jwt).hasSize(3);
      JsonNode claims = VendorHttp.JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
      assertThat(claims.path("iss").asText()).isEqualTo(CLIENT_EMAIL);
      assertThat(claims.path("scope").asText())
          .isEqualTo("https://www.googleapis.com/auth/cloud-platform");
    }
  }
}
