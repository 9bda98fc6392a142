package io.kesjava.keystore.vault;

import io.kesjava.keystore.InvalidConfigException;
import io.kesjava.keystore.KeyStoreConfig;
import io.kesjava.keystore.common.BuilderProvider;
import java.io.File;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The provider named {@code vault}: reads the section {@code keystore.vault} ({@code
 * docs/keystores/vault.md#configuration}) into a {@link VaultKeyStore#builder()} and builds the
 * store.
 *
 * <p>A sub-section whose values are all empty (as in KES's config template) counts as absent, so
 * that a template with both {@code approle} and {@code kubernetes} filled with {@code ""} needs
 * only one of them filled in.
 *
 * <p>Thread-safety: stateless.
 */
public final class VaultKeyStoreProvider extends BuilderProvider<VaultKeyStore.Builder> {

  private static final System.Logger LOG = System.getLogger(VaultKeyStoreProvider.class.getName());

  /** The keys of each section; others get a warning. */
  private static final Map<String, Set<String>> KNOWN =
      Map.of(
          "",
          Set.of(
              "endpoint",
              "engine",
              "version",
              "namespace",
              "prefix",
              "transit",
              "approle",
              "kubernetes",
              "tls",
              "status"),
          "transit",
          Set.of("engine", "key"),
          "approle",
          Set.of("engine", "namespace", "id", "secret", "retry"),
          "kubernetes",
          Set.of("engine", "namespace", "role", "jwt", "retry"),
          "tls",
          Set.of("key", "cert", "ca"),
          "status",
          Set.of("ping"));

  private static final String INVALID = "invalid vault keystore: ";

  /** For {@link java.util.ServiceLoader}. */
  public VaultKeyStoreProvider() {
    super("vault", (builder, config) -> builder.build());
  }

  /**
   * The builder the section describes, validated but not built. {@link #create} builds it:
   * reads the settings, connects and logs in.
   *
   * @throws InvalidConfigException if a setting is missing or invalid; the message names the key
   * @throws io.kesjava.keystore.KeyStoreUnreachableException if Vault cannot be reached
   * @throws io.kesjava.keystore.KeyStoreException if a TLS file is unusable or the login fails
   */
  @Override
  protected VaultKeyStore.Builder configure(KeyStoreConfig config) {
    Objects.requireNonNull(config, "config");
    warnUnknown(config, "");
    VaultKeyStore.Builder b = VaultKeyStore.builder();
    String endpoint =
        config
            .string("endpoint")
            .orElseThrow(() -> invalid(config, "endpoint", INVALID + "no endpoint specified"));
    try {
      b.endpoint(endpoint);
    } catch (IllegalArgumentException e) {
      throw invalid(config, "endpoint", e.getMessage());
    }
    b.engine(config.string("engine").orElse(""));
    try {
      b.version(KvVersion.parse(config.string("version").orElse("v1")));
    } catch (IllegalArgumentException e) {
      throw invalid(config, "version", e.getMessage());
    }
    b.namespace(config.string("namespace").orElse(""));
    b.prefix(config.string("prefix").orElse(""));

    Optional<KeyStoreConfig> transit = section(config, "transit");
    if (transit.isPresent()) {
      KeyStoreConfig t = transit.get();
      String key =
          t.string("key")
              .orElseThrow(
                  () ->
                      invalid(t, "key", INVALID + "invalid transit config: no key name specified"));
      b.transit(t.string("engine").orElse(""), key);
    }

    Optional<KeyStoreConfig> approle = section(config, "approle");
    Optional<KeyStoreConfig> kubernetes = section(config, "kubernetes");
    if (approle.isPresent() && kubernetes.isPresent()) {
      throw new InvalidConfigException(
          config.path(), INVALID + "more than one authentication method specified");
    }
    if (approle.isPresent()) {
      b.login(appRole(approle.get()));
    } else if (kubernetes.isPresent()) {
      b.login(kubernetes(kubernetes.get()));
    } else {
      throw new InvalidConfigException(
          config.path(), INVALID + "no authentication method specified");
    }

    Optional<KeyStoreConfig> tls = section(config, "tls");
    if (tls.isPresent()) {
      KeyStoreConfig t = tls.get();
      Optional<String> key = t.string("key");
      Optional<String> cert = t.string("cert");
      if (key.isPresent() && cert.isEmpty()) {
        throw invalid(t, "cert", INVALID + "invalid tls config: no TLS certificate provided");
      }
      if (cert.isPresent() && key.isEmpty()) {
        throw invalid(t, "key", INVALID + "invalid tls config: no TLS private key provided");
      }
      if (cert.isPresent()) {
        b.clientCertificate(path(t, "cert", cert.get()), path(t, "key", key.get()));
      }
      Optional<String> ca = t.string("ca");
      if (ca.isPresent()) {
        b.caCertificates(path(t, "ca", ca.get()));
      }
    }
    Optional<KeyStoreConfig> status = section(config, "status");
    if (status.isPresent()) {
      b.statusPing(status.get().duration("ping", Duration.ofSeconds(15)));
    }
    return b;
  }

  private static AppRoleLogin appRole(KeyStoreConfig c) {
    String id =
        c.secret("id")
            .orElseThrow(
                () ->
                    invalid(c, "id", INVALID + "invalid approle config: no approle ID specified"));
    String secret =
        c.secret("secret")
            .orElseThrow(
                () ->
                    invalid(
                        c,
                        "secret",
                        INVALID + "invalid approle config: no approle secret specified"));
    return AppRoleLogin.of(id, secret)
        .withEngine(c.string("engine").orElse(""))
        .withNamespace(c.string("namespace").orElse(""))
        .withRetry(retry(c));
  }

  private static KubernetesLogin kubernetes(KeyStoreConfig c) {
    String role = c.string("role").orElse("");
    String jwt =
        c.secret("jwt")
            .orElseThrow(
                () -> invalid(c, "jwt", INVALID + "invalid kubernetes config: no JWT specified"));
    KubernetesLogin login;
    if (jwt.contains("/") || jwt.contains(File.separator)) {
      // A path, as KES decides: it must be readable now; it is read again at every login.
      Path file = path(c, "jwt", jwt);
      try {
        Files.readString(file);
      } catch (IOException | RuntimeException e) {
        throw invalid(c, "jwt", "failed to read vault kubernetes JWT from '" + jwt + "': " + e);
      }
      login = KubernetesLogin.fromFile(role, file);
    } else {
      login = KubernetesLogin.of(role, jwt);
    }
    return login
        .withEngine(c.string("engine").orElse(""))
        .withNamespace(c.string("namespace").orElse(""))
        .withRetry(retry(c));
  }

  private static Duration retry(KeyStoreConfig c) {
    Duration retry = c.duration("retry", Duration.ZERO);
    return retry.isZero() ? Duration.ofSeconds(5) : retry;
  }

  /** The sub-section {@code key}, or empty if absent or holding only empty values. */
  private static Optional<KeyStoreConfig> section(KeyStoreConfig config, String key) {
    Optional<KeyStoreConfig> child = config.child(key);
    if (child.isPresent()) {
      warnUnknown(child.get(), key);
    }
    return child.filter(c -> !blank(c));
  }

  private static boolean blank(KeyStoreConfig c) {
    for (String key : c.keys()) {
      if (!c.has(key)) {
        continue;
      }
      Optional<KeyStoreConfig> child;
      try {
        child = c.child(key);
      } catch (InvalidConfigException scalar) {
        if (c.strings(key).stream().anyMatch(s -> !s.isEmpty())) {
          return false;
        }
        continue;
      }
      if (child.isPresent() && !blank(child.get())) {
        return false;
      }
    }
    return true;
  }

  private static Path path(KeyStoreConfig c, String key, String value) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw invalid(c, key, "not a valid path");
    }
  }

  private static void warnUnknown(KeyStoreConfig c, String section) {
    Set<String> known = KNOWN.get(section);
    for (String key : c.keys()) {
      if (!known.contains(key)) {
        LOG.log(Level.WARNING, "unknown config key '" + c.path() + "." + key + "' is ignored");
      }
    }
  }

  private static InvalidConfigException invalid(KeyStoreConfig c, String key, String problem) {
    return new InvalidConfigException(c.path().isEmpty() ? key : c.path() + "." + key, problem);
  }
}
