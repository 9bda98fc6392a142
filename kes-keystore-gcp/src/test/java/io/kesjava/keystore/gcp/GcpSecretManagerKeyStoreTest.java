package io.kesjava.keystore.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Metadata;
import io.grpc.Status;
import io.kesjava.keystore.EntryExistsException;
import io.kesjava.keystore.EntryNotFoundException;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GCP-specific behaviour of {@link GcpSecretManagerKeyStore} on the wire, against the fake. */
class GcpSecretManagerKeyStoreTest {

  private static final Metadata.Key<String> ROUTING =
      Metadata.Key.of("x-goog-request-params", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private FakeSecretManager fake;
  private GcpSecretManagerKeyStore store;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeSecretManager();
    store = storeFor(fake.endpoint()).build();
  }

  @AfterEach
  void stop() {
    store.close();
    fake.close();
  }

  static GcpSecretManagerKeyStore.Builder storeFor(String endpoint) {
    return GcpSecretManagerKeyStore.builder()
        .projectId(FakeSecretManager.PROJECT_ID)
        .endpoint(endpoint)
        .insecurePlaintext()
        .maxAttempts(3)
        .backoff(Duration.ofMillis(1), Duration.ofMillis(5))
        .timeout(Duration.ofSeconds(3));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void create_isCreateSecretThenAddSecretVersion_underTheReturnedName() {
    store.create("my-key", bytes("CiQKIMiH"));

    assertThat(fake.calls()).containsExactly("CreateSecret", "AddSecretVersion");
    assertThat(fake.versions("my-key")).isEqualTo(1);
    assertThat(fake.headers().get(0).get(ROUTING))
        .isEqualTo("parent=projects%2F" + FakeSecretManager.PROJECT_ID);
    // The fake names secrets by project number, as Google does; the version went there.
    assertThat(fake.headers().get(1).get(ROUTING))
        .isEqualTo("parent=projects%2F" + FakeSecretManager.PROJECT_NUMBER + "%2Fsecrets%2Fmy-key");
  }

  @Test
  void plaintext_sendsNoCredentials() {
    store.create("my-key", bytes("v"));

    assertThat(fake.headers()).allSatisfy(h -> assertThat(h.get(AUTHORIZATION)).isNull());
  }

  @Test
  void get_readsVersion1_evenWhenLaterVersionsExist() {
    store.create("my-key", bytes("first"));
    fake.addVersion("my-key", bytes("second"));

    assertThat(store.get("my-key")).isEqualTo(bytes("first"));
  }

  @Test
  void create_whoseSecondCallFails_deletesTheSecretAgain_soTheNameIsFree() {
    fake.failNext("AddSecretVersion", Status.PERMISSION_DENIED.withDescription("denied"));

    assertThatThrownBy(() -> store.create("my-key", bytes("v")))
        .isExactlyInstanceOf(KeyStoreException.class)
        .hasMessage("gcp: failed to create 'my-key': PERMISSION_DENIED: denied");
    assertThat(fake.exists("my-key")).isFalse();

    store.create("my-key", bytes("v"));
    assertThat(store.get("my-key")).isEqualTo(bytes("v"));
  }

  @Test
  void aSecretWithoutVersions_asKesMayLeaveIt_existsForCreate_andIsNotFoundForGet() {
    fake.putWithoutVersion("half-made");

    assertThatThrownBy(() -> store.create("half-made", bytes("v")))
        .isInstanceOf(EntryExistsException.class)
        .hasMessage("gcp: key 'half-made' already exists");
    assertThatThrownBy(() -> store.get("half-made")).isInstanceOf(EntryNotFoundException.class);
  }

  @Test
  void aDisabledVersion1_isAFailure_notNotFound() {
    store.create("my-key", bytes("v"));
    fake.disableVersion("my-key", 1);

    assertThatThrownBy(() -> store.get("my-key"))
        .isExactlyInstanceOf(KeyStoreException.class)
        .hasMessageStartingWith("gcp: failed to read 'my-key': FAILED_PRECONDITION: ")
        .hasMessageContaining("DISABLED");
  }

  @Test
  void delete_ofAMissingSecret_isNotFound() {
    assertThatThrownBy(() -> store.delete("missing"))
        .isInstanceOf(EntryNotFoundException.class)
        .hasMessage("gcp: key 'missing' does not exist");
  }

  @Test
  void quotaErrors_areRetriedWithBackoff_untilTheyPass() {
    fake.throttle(2);

    store.create("my-key", bytes("v"));

    assertThat(fake.calls())
        .containsExactly("CreateSecret", "CreateSecret", "CreateSecret", "AddSecretVersion");
  }

  @Test
  void quotaErrors_thatOutlastTheRetries_areAFailure_notUnreachable() {
    fake.throttle(10);

    assertThatThrownBy(() -> store.get("my-key"))
        .isExactlyInstanceOf(KeyStoreException.class)
        .hasMessageContaining("gcp: failed to read 'my-key'")
        .hasMessageContaining("throttled")
        .hasMessageContaining("RESOURCE_EXHAUSTED");
    assertThat(fake.calls()).hasSize(3);
  }

  @Test
  void unavailable_isRetriedForReads_butNotForCreates() {
    store.create("my-key", bytes("v"));
    fake.failNext("AccessSecretVersion", Status.UNAVAILABLE);
    assertThat(store.get("my-key")).isEqualTo(bytes("v"));

    fake.failNext("CreateSecret", Status.UNAVAILABLE.withDescription("connection reset"));
    assertThatThrownBy(() -> store.create("other", bytes("v")))
        .isInstanceOf(KeyStoreUnreachableException.class)
        .hasMessageStartingWith("gcp: failed to create 'other': GCP Secret Manager is not reachable");
  }

  @Test
  void list_followsPageTokens_andKeepsTheLastPathSegment_ofEverySecretOfTheProject() {
    fake.pageSize(2);
    for (String name : List.of("k5", "k1", "k4", "k2", "k3", "k0")) {
      store.create(name, bytes(name));
    }
    fake.putWithoutVersion("other-app-password");
    int before = fake.calls().size();

    var listing = store.list("", "", 0);

    assertThat(listing.names())
        .containsExactly("k0", "k1", "k2", "k3", "k4", "k5", "other-app-password");
    assertThat(fake.calls().subList(before, fake.calls().size()))
        .containsExactly("ListSecrets", "ListSecrets", "ListSecrets", "ListSecrets");
  }

  @Test
  void status_isReachable_whenSecretManagerRefusesTheProbe() {
    fake.failNext("ListSecrets", Status.PERMISSION_DENIED.withDescription("denied"));

    assertThat(store.status().isNegative()).isFalse();
    assertThat(fake.calls()).containsExactly("ListSecrets");
  }

  @Test
  void anUnreachableEndpoint_isUnreachable_forEveryOperation() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (var offline = storeFor("127.0.0.1:" + port).maxAttempts(2).build()) {
      assertThatThrownBy(() -> offline.create("k", bytes("v")))
          .isInstanceOf(KeyStoreUnreachableException.class);
      assertThatThrownBy(() -> offline.get("k")).isInstanceOf(KeyStoreUnreachableException.class);
      assertThatThrownBy(() -> offline.delete("k")).isInstanceOf(KeyStoreUnreachableException.class);
      assertThatThrownBy(() -> offline.list("", "", 0))
          .isInstanceOf(KeyStoreUnreachableException.class);
      assertThatThrownBy(offline::status)
          .isInstanceOf(KeyStoreUnreachableException.class)
          .hasMessageStartingWith("gcp: key store is not reachable");
    }
  }

  @Test
  void anotherProject_isRefused() {
    try (var other = storeFor(fake.endpoint()).projectId("someone-else").build()) {
      assertThatThrownBy(() -> other.create("k", bytes("v")))
          .isExactlyInstanceOf(KeyStoreException.class)
          .hasMessageContaining("PERMISSION_DENIED");
    }
  }

  @Test
  void description_andToString_nameTheProject() {
    assertThat(store.description())
        .isEqualTo("GCP SecretManager: Project=" + FakeSecretManager.PROJECT_ID);
    assertThat(store.toString()).contains(FakeSecretManager.PROJECT_ID).contains("plaintext");
  }

  @Test
  void endpoints_areWrittenAsHostAndPort() {
    var builder = GcpSecretManagerKeyStore.builder();

    assertThat(builder.target()).isEqualTo("secretmanager.googleapis.com:443");
    assertThat(builder.endpoint("https://secretmanager.googleapis.com/").target())
        .isEqualTo("secretmanager.googleapis.com:443");
    assertThat(builder.endpoint("sm.example.com:8443").target()).isEqualTo("sm.example.com:8443");
    assertThat(builder.endpoint("[::1]").target()).isEqualTo("[::1]:443");
    assertThat(builder.endpoint("[::1]:9000").target()).isEqualTo("[::1]:9000");
  }

  @Test
  void build_withoutProject_fails() {
    assertThatThrownBy(() -> GcpSecretManagerKeyStore.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no project ID specified");
  }
}
