package io.kesjava.server.config;

import io.kesjava.keystore.internal.GoDuration;
import java.time.Duration;

/**
 * The parse-time checks of each documented backend, with KES's messages ({@code
 * docs/configuration.md#keystore}).
 */
final class KeyStoreValidation {

  private KeyStoreValidation() {}

  static void validate(String backend, KeyStoreParser.Values v) {
    switch (backend) {
      case "fs" -> require(v, "kesconf: invalid fs keystore: ", "path", "path");
      case "vault" -> vault(v);
      case "fortanix" -> require(v, "kesconf: invalid fortanix SDKMS keystore: ",
          "sdkms.endpoint", "endpoint", "sdkms.credentials.key", "API key");
      case "aws" -> require(v, "kesconf: invalid AWS secretsmanager keystore: ",
          "secretsmanager.endpoint", "endpoint", "secretsmanager.region", "region");
      case "gemalto" -> require(v, "kesconf: invalid gemalto keysecure keystore: ",
          "keysecure.endpoint", "endpoint", "keysecure.credentials.token", "token");
      case "gcp" -> require(v, "kesconf: invalid GCP secretmanager keystore: ",
          "secretmanager.project_id", "project ID");
      case "azure" -> azure(v);
      // Unlike KES, a missing credentials section is reported, not a crash.
      case "entrust" -> require(v, "kesconf: invalid Entrust KeyControl keystore: ",
          "keycontrol.endpoint", "endpoint", "keycontrol.vault_id", "vault ID",
          "keycontrol.box_id", "box ID", "keycontrol.credentials.username", "username",
          "keycontrol.credentials.password", "password");
      case "postgres" -> require(v, "kesconf: invalid postgres keystore: ",
          "url", "url", "credentials.user", "user");
      default -> throw new IllegalStateException("no validation for " + backend);
    }
  }

  private static void vault(KeyStoreParser.Values v) {
    String p = "kesconf: invalid vault keystore: ";
    require(v, p, "endpoint", "endpoint");
    boolean approle = v.section("approle");
    boolean kubernetes = v.section("kubernetes");
    if (!approle && !kubernetes) {
      throw v.fail(p + "no authentication method specified", "");
    }
    if (approle && kubernetes) {
      throw v.fail(p + "more than one authentication method specified", "kubernetes");
    }
    if (approle) {
      require(v, p + "invalid approle config: ", "approle.id", "approle ID",
          "approle.secret", "approle secret");
    }
    if (kubernetes) {
      require(v, p + "invalid kubernetes config: ", "kubernetes.jwt", "JWT");
      v.requireReadable("kubernetes.jwt", "kesconf: failed to read vault kubernetes JWT from");
    }
    if (v.section("transit")) {
      require(v, p + "invalid transit config: ", "transit.key", "key name");
    }
    boolean tlsKey = !v.string("tls.key").isEmpty();
    boolean tlsCert = !v.string("tls.cert").isEmpty();
    if (tlsKey && !tlsCert) {
      throw v.fail(p + "invalid tls config: no TLS certificate provided", "tls.key");
    }
    if (tlsCert && !tlsKey) {
      throw v.fail(p + "invalid tls config: no TLS private key provided", "tls.cert");
    }
    Duration ping = v.duration("status.ping");
    if (ping.isNegative()) {
      throw v.fail(p + "invalid status ping '" + GoDuration.format(ping) + "'", "status.ping");
    }
  }

  private static void azure(KeyStoreParser.Values v) {
    String p = "kesconf: invalid Azure keyvault keystore: ";
    require(v, p, "keyvault.endpoint", "endpoint");
    boolean credentials = v.section("keyvault.credentials");
    boolean managed = v.section("keyvault.managed_identity");
    if (credentials && managed) {
      throw v.fail(p + "more than one authentication method specified", "keyvault.managed_identity");
    }
    if (credentials) {
      require(v, p, "keyvault.credentials.tenant_id", "tenant ID",
          "keyvault.credentials.client_id", "client ID",
          "keyvault.credentials.client_secret", "client secret");
    }
    if (managed) {
      require(v, p, "keyvault.managed_identity.client_id", "client ID");
    }
  }

  /**
   * Checks that each field is set, in order; the first empty one fails with {@code <prefix>no
   * <what> specified}.
   *
   * @param fieldsAndWhats pairs: a field's dotted name, then what the message calls it
   */
  private static void require(KeyStoreParser.Values v, String prefix, String... fieldsAndWhats) {
    for (int i = 0; i < fieldsAndWhats.length; i += 2) {
      String dotted = fieldsAndWhats[i];
      if (v.string(dotted).isEmpty()) {
        throw v.fail(prefix + "no " + fieldsAndWhats[i + 1] + " specified", dotted);
      }
    }
  }
}
