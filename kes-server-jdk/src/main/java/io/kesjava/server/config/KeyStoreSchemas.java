package io.kesjava.server.config;

import java.util.List;
import java.util.Map;

/**
 * The keys of the backends KES documents ({@code docs/configuration.md#keystore}), for unknown-key
 * warnings and type checks. A schema is a {@code Map} from key to a nested schema or a {@link
 * Leaf}.
 */
final class KeyStoreSchemas {

  /** What a leaf holds. */
  enum Leaf {
    STRING("string"),
    DURATION("time.Duration"),
    LIST("[]string"),
    /** Known from older KES versions or the template, read by nobody: warned about. */
    IGNORED("string");

    final String goType;

    Leaf(String goType) {
      this.goType = goType;
    }
  }

  /** The backends in the order KES looks for them. */
  static final List<String> ORDER =
      List.of("fs", "vault", "fortanix", "gemalto", "gcp", "aws", "azure", "entrust");

  /** The inner section of the two-level backends ({@code aws.secretsmanager}); absent for one level. */
  static final Map<String, String> INNER =
      Map.of(
          "fortanix", "sdkms",
          "gemalto", "keysecure",
          "gcp", "secretmanager",
          "aws", "secretsmanager",
          "azure", "keyvault",
          "entrust", "keycontrol");

  private static final Leaf S = Leaf.STRING;

  private static final Map<String, Object> TLS_CA = Map.of("ca", S);

  /**
   * Each backend's section, {@code keystore.<name>}: those KES documents, and kes-java's own
   * {@code postgres} (see docs/keystores/postgres.md), which KES does not look for, so it is not in
   * {@link #ORDER}.
   */
  static final Map<String, Object> SCHEMAS =
      Map.of(
          "fs", Map.of("path", S),
          "vault",
              Map.of(
                  "endpoint", S,
                  "engine", S,
                  "version", S,
                  "namespace", S,
                  "prefix", S,
                  "approle", Map.of("engine", S, "namespace", S, "id", S, "secret", S, "retry", Leaf.IGNORED),
                  "kubernetes", Map.of("engine", S, "namespace", S, "role", S, "jwt", S, "retry", Leaf.IGNORED),
                  "transit", Map.of("engine", S, "key", S),
                  "tls", Map.of("key", S, "cert", S, "ca", S),
                  "status", Map.of("ping", Leaf.DURATION)),
          "fortanix",
              Map.of("sdkms", Map.of("endpoint", S, "group_id", S, "credentials", Map.of("key", S), "tls", TLS_CA)),
          "gemalto",
              Map.of(
                  "keysecure",
                  Map.of(
                      "endpoint", S,
                      "credentials", Map.of("token", S, "domain", S, "retry", Leaf.IGNORED),
                      "tls", TLS_CA)),
          "gcp",
              Map.of(
                  "secretmanager",
                  Map.of(
                      "project_id", S,
                      "endpoint", S,
                      "scopes", Leaf.LIST,
                      "credentials",
                      Map.of("client_email", S, "client_id", S, "private_key_id", S, "private_key", S))),
          "aws",
              Map.of(
                  "secretsmanager",
                  Map.of(
                      "endpoint", S,
                      "region", S,
                      "kmskey", S,
                      "credentials", Map.of("accesskey", S, "secretkey", S, "token", S))),
          "azure",
              Map.of(
                  "keyvault",
                  Map.of(
                      "endpoint", S,
                      "credentials", Map.of("tenant_id", S, "client_id", S, "client_secret", S),
                      "managed_identity", Map.of("client_id", S),
                      // kes-java extension (docs/migrating-from-go-kes.md: Azure Key Vault delete)
                      "purge_on_delete", S)),
          "entrust",
              Map.of(
                  "keycontrol",
                  Map.of(
                      "endpoint", S,
                      "vault_id", S,
                      "box_id", S,
                      "credentials", Map.of("username", S, "password", S),
                      "tls", TLS_CA)),
          "postgres",
              Map.of(
                  "url", S,
                  "table", S,
                  "credentials", Map.of("user", S, "password", S, "password_file", S),
                  "tls", Map.of("ca", S, "mode", S),
                  "pool_size", S,
                  "connect_timeout", Leaf.DURATION,
                  "query_timeout", Leaf.DURATION));

  private KeyStoreSchemas() {}
}
