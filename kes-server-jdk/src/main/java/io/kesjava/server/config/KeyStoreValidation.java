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
      case "fs" -> require(v, "path", "kesconf: invalid fs keystore: no path specified");
      case "vault" -> vault(v);
      case "fortanix" -> {
        String p = "kesconf: invalid fortanix SDKMS keystore: ";
        require(v, "sdkms.endpoint", p + "no endpoint specified");
        require(v, "sdkms.credentials.key", p + "no API key specified");
      }
      case "aws" -> {
        String p = "kesconf: invalid AWS secretsmanager keystore: ";
        require(v, "secretsmanager.endpoint", p + "no endpoint specified");
        require(v, "secretsmanager.region", p + "no region specified");
      }
      case "gemalto" -> {
        String p = "kesconf: invalid gemalto keysecure keystore: ";
        require(v, "keysecure.endpoint", p + "no endpoint specified");
        require(v, "keysecure.credentials.token", p + "no token specified");
      }
      case "gcp" ->
          require(v, "secretmanager.project_id", "kesconf: invalid GCP secretmanager keystore: no project ID specified");
      case "azure" -> azure(v);
      case "entrust" -> {
        String p = "kesconf: invalid Entrust KeyControl keystore: ";
        require(v, "keycontrol.endpoint", p + "no endpoint specified");
        require(v, "keycontrol.vault_id", p + "no vault ID specified");
        require(v, "keycontrol.box_id", p + "no box ID specified");
        // Unlike KES, a missing credentials section is reported, not a crash.
        require(v, "keycontrol.credentials.username", p + "no username specified");
        require(v, "keycontrol.credentials.password", p + "no password specified");
      }
      case "postgres" -> {
        String p = "kesconf: invalid postgres keystore: ";
        require(v, "url", p + "no url specified");
        require(v, "credentials.user", p + "no user specified");
      }
      default -> throw new IllegalStateException("no validation for " + backend);
    }
  }

  private static void vault(KeyStoreParser.Values v) {
    String p = "kesconf: invalid vault keystore: ";
    require(v, "endpoint", p + "no endpoint specified");
    boolean approle = v.section("approle");
    boolean kubernetes = v.section("kubernetes");
    if (!approle && !kubernetes) {
      throw v.fail(p + "no authentication method specified", "");
    }
    if (approle && kubernetes) {
      throw v.fail(p + "more than one authentication method specified", "kubernetes");
    }
    if (approle) {
      require(v, "approle.id", p + "invalid approle config: no approle ID specified");
      require(v, "approle.secret", p + "invalid approle config: no approle secret specified");
    }
    if (kubernetes) {
      require(v, "kubernetes.jwt", p + "invalid kubernetes config: no JWT specified");
      v.requireReadable("kubernetes.jwt", "kesconf: failed to read vault kubernetes JWT from");
    }
    if (v.section("transit")) {
      require(v, "transit.key", p + "invalid transit config: no key name specified");
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
    require(v, "keyvault.endpoint", p + "no endpoint specified");
    boolean credentials = v.section("keyvault.credentials");
    boolean managed = v.section("keyvault.managed_identity");
    if (credentials && managed) {
      throw v.fail(p + "more than one authentication method specified", "keyvault.managed_identity");
    }
    if (credentials) {
      require(v, "keyvault.credentials.tenant_id", p + "no tenant ID specified");
      require(v, "keyvault.credentials.client_id", p + "no client ID specified");
      require(v, "keyvault.credentials.client_secret", p + "no client secret specified");
    }
    if (managed) {
      require(v, "keyvault.managed_identity.client_id", p + "no client ID specified");
    }
  }

  private static void require(KeyStoreParser.Values v, String dotted, String message) {
    if (v.string(dotted).isEmpty()) {
      throw v.fail(message, dotted);
    }
  }
}
