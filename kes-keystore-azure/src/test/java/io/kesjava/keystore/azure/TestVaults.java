package io.kesjava.keystore.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;

/** Stores wired to a {@link FakeKeyVault}: its TLS certificate trusted, its token handed out. */
final class TestVaults {

  private TestVaults() {}

  /** A credential that hands out the fake's token and records the scopes asked for. */
  static final class FakeCredential implements TokenCredential {
    final List<List<String>> scopes = new CopyOnWriteArrayList<>();

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
      scopes.add(List.copyOf(request.getScopes()));
      return Mono.just(new AccessToken(FakeKeyVault.TOKEN, OffsetDateTime.now().plusHours(1)));
    }
  }

  static HttpClient trustingHttpClient() {
    return new JdkHttpClientBuilder(
            java.net.http.HttpClient.newBuilder().sslContext(TestTls.get().client))
        .connectionTimeout(Duration.ofSeconds(3))
        .responseTimeout(Duration.ofSeconds(5))
        .build();
  }

  static AzureKeyVaultKeyStore.Builder storeFor(String vaultUrl, TokenCredential credential) {
    return AzureKeyVaultKeyStore.builder()
        .endpoint(vaultUrl)
        .credential(credential)
        .httpClient(trustingHttpClient())
        .maxRetries(3)
        .backoff(Duration.ofMillis(1), Duration.ofMillis(5));
  }

  static AzureKeyVaultKeyStore.Builder storeFor(FakeKeyVault fake) {
    return storeFor(fake.vaultUrl(), new FakeCredential());
  }
}
