package io.kesjava.server.config;

import io.kesjava.core.CacheConfig;
import io.kesjava.core.Identity;
import io.kesjava.core.tls.ClientAuth;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed and validated KES server config file ({@code docs/configuration.md}). Build one with
 * {@link ConfigParser}.
 *
 * <p>Thread-safety: immutable. Security: {@link #toString()} redacts {@code tls.password} and every
 * key-store value.
 *
 * @param address {@code address}: {@code [ip]:port} to listen on; empty when not set (the server
 *     then uses {@code 0.0.0.0:7373})
 * @param admin {@code admin.identity}: the identity with access to every API
 * @param tls the {@code tls} section
 * @param api {@code api}: route path to its settings, in file order; copied
 * @param policies {@code policy}: name to policy, in file order; copied
 * @param cache {@code cache.expiry} with the documented defaults applied ({@code
 *     docs/migrating-from-go-kes.md}): any 5m, unused 30s, offline 0
 * @param log the {@code log} section
 * @param keys {@code keys[].name}: keys to create at start, in file order; copied
 * @param keyStore the {@code keystore} backend
 * @param warnings what looked wrong but did not stop parsing (unknown keys and such); copied
 */
public record ServerConfig(
    String address,
    Identity admin,
    TlsConfig tls,
    Map<String, ApiRouteConfig> api,
    Map<String, PolicyConfig> policies,
    CacheConfig cache,
    LogConfig log,
    List<String> keys,
    KeyStoreSection keyStore,
    List<ConfigWarning> warnings) {

  /** Copies the maps and lists, keeping their order; no component may be null. */
  public ServerConfig {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(admin, "admin");
    Objects.requireNonNull(tls, "tls");
    api = Collections.unmodifiableMap(new LinkedHashMap<>(api));
    policies = Collections.unmodifiableMap(new LinkedHashMap<>(policies));
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(log, "log");
    keys = List.copyOf(keys);
    Objects.requireNonNull(keyStore, "keyStore");
    warnings = List.copyOf(warnings);
  }

  /**
   * How the handshake treats client certificates: from {@code tls.auth}, downgraded to only
   * requesting a certificate when any {@code api} entry has {@code skip_auth: true} ({@code
   * docs/configuration.md#api}).
   */
  public ClientAuth clientAuth() {
    boolean anySkipAuth = api.values().stream().anyMatch(ApiRouteConfig::skipAuth);
    return ClientAuth.of(tls.verifyClients(), anySkipAuth);
  }
}
