package io.kesjava.keystore.postgres;

import static io.kesjava.keystore.postgres.PostgresFixture.APP_DATABASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kesjava.core.tls.Pem;
import io.kesjava.core.tls.SelfSigned;
import io.kesjava.keystore.KeyStoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS to the database: the server's certificate and host name are verified ({@code
 * sslmode=verify-full}), against {@code tls.ca} or the JVM's trust store. The app role may log in
 * only over TLS (the cluster rejects it in plain text), so a store that works used TLS.
 */
class PostgresTlsTest {

  private final PostgresCluster pg = PostgresFixture.cluster();

  @TempDir Path dir;

  @Test
  void withTheServersCa_theStoreWorks_overAnEncryptedSession() throws Exception {
    try (PostgresKeyStore store = PostgresFixture.app().tlsCa(pg.caFile()).build()) {
      store.create("k", new byte[] {1});
      assertThat(store.get("k")).containsExactly(1);

      try (Connection c = pg.superuser(APP_DATABASE);
          Statement s = c.createStatement();
          ResultSet r =
              s.executeQuery(
                  "SELECT bool_and(l.ssl), count(*) FROM pg_stat_ssl l JOIN pg_stat_activity a"
                      + " USING (pid) WHERE a.usename = 'kes_app' AND a.application_name ="
                      + " 'kes'")) {
        r.next();
        assertThat(r.getLong(2)).as("the store's sessions").isPositive();
        assertThat(r.getBoolean(1)).as("every session of the store uses TLS").isTrue();
      }
    }
  }

  @Test
  void inPlainText_theAppRoleIsRejectedByTheServer() {
    assertThatThrownBy(() -> PostgresFixture.app().plaintext().build())
        .isInstanceOf(KeyStoreException.class)
        .hasMessageContaining("no encryption");
  }

  @Test
  void aServerCertificateAnotherCaSigned_isRefused() throws Exception {
    Path otherCa =
        Files.writeString(
            dir.resolve("other-ca.pem"),
            Pem.encodeCertificate(SelfSigned.server().build().certificate()));

    assertThatThrownBy(() -> PostgresFixture.app().tlsCa(otherCa).build())
        .isInstanceOf(KeyStoreException.class)
        .hasMessageContaining("SSL error");
  }

  @Test
  void withoutACa_theJvmTrustStoreDecides_andItDoesNotHoldTheTestCertificate() {
    assertThatThrownBy(() -> PostgresFixture.app().tlsWithJvmTrustStore().build())
        .isInstanceOf(KeyStoreException.class)
        .hasMessageContaining("SSL error");
  }

  @Test
  void aHostNameTheCertificateDoesNotName_isRefused() throws Exception {
    String other = "jdbc:postgresql://127.0.0.2:" + pg.port() + "/" + APP_DATABASE;
    assumeTrue(reachable(other), "127.0.0.2 is not a loopback address of this machine");

    assertThatThrownBy(() -> PostgresFixture.app().url(other).tlsCa(pg.caFile()).build())
        .isInstanceOf(KeyStoreException.class)
        .hasMessageContaining("127.0.0.2");
  }

  /** Whether the superuser gets in at {@code url} in plain text. */
  private static boolean reachable(String url) {
    Properties props = new Properties();
    props.setProperty("user", "postgres");
    props.setProperty("sslmode", "disable");
    props.setProperty("connectTimeout", "2");
    // The superuser may log in without a password from 127.0.0.1 only: any answer but a refused
    // connection shows the server listens there.
    try (Connection c = java.sql.DriverManager.getConnection(url, props)) {
      return c.isValid(2);
    } catch (java.sql.SQLException e) {
      return !"08001".equals(e.getSQLState());
    }
  }
}
