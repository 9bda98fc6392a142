package io.kesjava.server;

import io.kesjava.core.KesEngine;
import io.kesjava.core.KesException;
import io.kesjava.core.KeyExistsException;
import io.kesjava.keystore.KeyStoreConfig;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.policy.PolicyTable;
import io.kesjava.server.config.ConfigWarning;
import io.kesjava.server.config.KeyStoreSection;
import io.kesjava.server.config.LogConfig;
import io.kesjava.server.config.ServerConfig;
import io.kesjava.server.config.TlsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Applies a new config to a running {@link ConfiguredServer}, as SIGHUP does ({@code
 * docs/configuration.md#reloading}): the file is parsed again with the same overrides (the {@code
 * kes server} flags) and, if it is valid, the predefined keys are created (as the admin), then the TLS key,
 * certificate and CAs ({@link ServerTls}), the policies, the {@code api} route settings and the log
 * levels are replaced. What cannot change while serving (the listen address, the key store, the TLS
 * auth mode, the admin, the TLS proxies, the cache) keeps its running value, with a warning that
 * the change needs a restart. On any error nothing is replaced and {@code Failed to reload server
 * config: <reason>} goes to the error log.
 *
 * <p>Thread-safety: safe for concurrent use; reloads run one at a time.
 */
final class ConfigReload {

  private final Supplier<ServerConfig> source;
  private final KesServer server;
  private final KesEngine engine;
  private final ServerTls tls;
  private ServerConfig current;

  /**
   * @param source reads the config again (the file); throws {@link KesServerException} when it
   *     cannot
   */
  ConfigReload(Supplier<ServerConfig> source, ServerConfig current, KesServer server,
      KesEngine engine, ServerTls tls) {
    this.source = Objects.requireNonNull(source, "source");
    this.current = Objects.requireNonNull(current, "current");
    this.server = Objects.requireNonNull(server, "server");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.tls = Objects.requireNonNull(tls, "tls");
  }

  /** The config in effect: the last one that was read without error. */
  synchronized ServerConfig current() {
    return current;
  }

  /**
   * Reads the config again and applies it.
   *
   * @return whether it was valid and applied; if not, the reason is in the error log
   */
  synchronized boolean reload() {
    return reload(source);
  }

  /**
   * Applies {@code next}.
   *
   * @return whether it was valid and applied; if not, the reason is in the error log
   */
  synchronized boolean reload(Supplier<ServerConfig> next) {
    try {
      apply(next.get());
      return true;
    } catch (KesServerException | KesException | KeyStoreException | IllegalArgumentException
        | IllegalStateException e) {
      server.log(ErrorEvent.ERROR, "Failed to reload server config: " + e.getMessage());
      return false;
    } catch (RuntimeException e) {
      // No message from outside our own exceptions: it might hold anything.
      server.log(ErrorEvent.ERROR,
          "Failed to reload server config: unexpected " + e.getClass().getName());
      return false;
    }
  }

  private void apply(ServerConfig next) {
    // Everything that can fail comes first, so that a failure leaves the old config in effect.
    PolicyTable policies = ConfiguredServer.policies(next, current.admin());
    // The TLS files are re-read (perhaps from new paths); the auth mode and proxies stay.
    TlsConfig nextTls =
        new TlsConfig(
            next.tls().privateKey(),
            next.tls().certificate(),
            next.tls().password(),
            current.tls().verifyClients(),
            next.tls().ca(),
            current.tls().proxyIdentities(),
            current.tls().proxyCertHeader());
    SSLContext tlsContext = tls.load(nextTls);
    var forwardedTrust = tls.forwardedTrust(nextTls);
    for (String name : next.keys()) {
      try {
        engine.createKey(name);
      } catch (KeyExistsException e) {
        // created before: fine (docs/configuration.md#keys)
      } catch (KesException | KeyStoreException | IllegalArgumentException e) {
        throw new KesServerException("failed to create key '" + name + "': " + e.getMessage(), e);
      }
    }

    List<String> warnings = new ArrayList<>();
    for (ConfigWarning w : next.warnings()) {
      warnings.add(w.toString());
    }
    warnings.addAll(policies.warnings());
    warnings.addAll(needsRestart(current, next));
    tls.use(nextTls, tlsContext, forwardedTrust);
    engine.updatePolicies(policies);
    server.updateApiSettings(ConfiguredServer.routeSettings(next));
    LogConfig log = next.log();
    server.updateLogs(log.auditToStdout(), log.auditLevel(), log.errorToStderr(), log.errorLevel());
    // Carry over what was not applied, so that the next reload compares with what is running.
    current =
        new ServerConfig(
            current.address(),
            current.admin(),
            nextTls,
            next.api(),
            next.policies(),
            current.cache(),
            log,
            next.keys(),
            current.keyStore(),
            next.warnings());
    for (String w : warnings) {
      server.log(ErrorEvent.WARN, w);
    }
  }

  private static List<String> needsRestart(ServerConfig running, ServerConfig next) {
    List<String> changed = new ArrayList<>();
    if (!running.address().equals(next.address())) {
      changed.add("address");
    }
    if (!sameKeyStore(running.keyStore(), next.keyStore())) {
      changed.add("keystore");
    }
    if (running.clientAuth() != next.clientAuth()) {
      changed.add(running.tls().verifyClients() != next.tls().verifyClients()
          ? "tls.auth"
          : "the TLS client certificate mode (api skip_auth)");
    }
    if (!running.admin().equals(next.admin())) {
      changed.add("admin.identity");
    }
    if (!running.tls().proxyIdentities().equals(next.tls().proxyIdentities())
        || !running.tls().proxyCertHeader().equals(next.tls().proxyCertHeader())) {
      changed.add("tls.proxy");
    }
    if (!running.cache().equals(next.cache())) {
      changed.add("cache");
    }
    List<String> out = new ArrayList<>();
    for (String what : changed) {
      out.add("config reload: a change of " + what + " needs a restart; the running value is kept");
    }
    return out;
  }

  /** Compares backend names and every value of their sections, without printing any. */
  private static boolean sameKeyStore(KeyStoreSection a, KeyStoreSection b) {
    return a.backend().equals(b.backend()) && flatten(a.config()).equals(flatten(b.config()));
  }

  private static Map<String, Object> flatten(KeyStoreConfig config) {
    Map<String, Object> out = new TreeMap<>();
    for (String key : config.keys()) {
      var child = childOf(config, key);
      if (child != null) {
        out.put(key, flatten(child));
        continue;
      }
      Object value;
      try {
        value = config.string(key).orElse("");
      } catch (RuntimeException notAString) {
        try {
          value = config.strings(key);
        } catch (RuntimeException notAList) {
          value = notAList.getClass();
        }
      }
      out.put(key, value);
    }
    return out;
  }

  private static KeyStoreConfig childOf(KeyStoreConfig config, String key) {
    try {
      return config.child(key).orElse(null);
    } catch (RuntimeException notASection) {
      return null;
    }
  }
}
