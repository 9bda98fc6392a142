package io.kesjava.server.config;

import io.kesjava.core.CacheConfig;
import io.kesjava.core.Names;
import io.kesjava.keystore.internal.GoDuration;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Decodes and checks the sections of the config file other than {@code keystore}, each with KES's
 * messages ({@code docs/configuration.md}). {@link ConfigParser} calls them in KES's order.
 */
final class SectionDecoders {

  private SectionDecoders() {}

  static TlsConfig tls(Optional<Section> maybeTls, String admin, Map<String, String> overrides) {
    Section tls = maybeTls.orElse(null);
    int line = tls == null ? 0 : tls.line;
    String fileKey = tls == null ? "" : tls.string("key", true);
    String fileCert = tls == null ? "" : tls.string("cert", true);
    String fileAuth = tls == null ? "" : tls.string("auth", true);
    String key = overrides.getOrDefault("tls.key", fileKey);
    if (key.isEmpty()) {
      throw new ConfigException("kesconf: invalid tls config: no private key", tls == null ? 0 : tls.lineOf("key"));
    }
    String cert = overrides.getOrDefault("tls.cert", fileCert);
    if (cert.isEmpty()) {
      throw new ConfigException("kesconf: invalid tls config: no certificate", tls == null ? 0 : tls.lineOf("cert"));
    }
    String auth = overrides.getOrDefault("tls.auth", fileAuth);
    String lowerAuth = auth.toLowerCase(Locale.ROOT);
    if (!lowerAuth.isEmpty() && !lowerAuth.equals("on") && !lowerAuth.equals("off")) {
      throw new ConfigException(
          "kesconf: invalid tls config: invalid auth '" + auth + "'", tls == null ? 0 : tls.lineOf("auth"));
    }
    Secret password = Secret.empty();
    String ca = "";
    List<String> proxies = new ArrayList<>();
    String header = "";
    if (tls != null) {
      password = Secret.of(tls.string("password", true));
      ca = tls.string("ca", true);
      Optional<Section> proxy = tls.section("proxy");
      if (proxy.isPresent()) {
        for (Scalar id : proxy.get().scalars("identities", true)) {
          String value = id.isNull() ? "" : id.text();
          if (value.equals(admin)) {
            throw new ConfigException("kesconf: invalid tls proxy: identity '" + value + "' is already admin", id.line());
          }
          proxies.add(value);
        }
        Optional<Section> headers = proxy.get().section("header");
        if (headers.isPresent()) {
          header = headers.get().string("cert", true);
          headers.get().warnUnknown();
        }
        proxy.get().warnUnknown();
      }
      tls.warnUnknown();
    }
    return new TlsConfig(
        path(key, "tls.key", tls == null ? line : tls.lineOf("key")),
        path(cert, "tls.cert", tls == null ? line : tls.lineOf("cert")),
        password,
        lowerAuth.equals("on"),
        ca.isEmpty() ? Optional.empty() : Optional.of(path(ca, "tls.ca", tls.lineOf("ca"))),
        proxies,
        header);
  }

  private static Path path(String text, String key, int line) {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new ConfigException("kesconf: invalid path for " + key + ": " + e.getReason(), line);
    }
  }

  static Map<String, PolicyConfig> policies(Optional<Section> maybePolicy, String admin, List<String> proxies) {
    Map<String, PolicyConfig> policies = new LinkedHashMap<>();
    if (maybePolicy.isEmpty()) {
      return policies;
    }
    Section policy = maybePolicy.get();
    Map<String, String> owner = new HashMap<>();
    for (String name : policy.keys()) {
      Optional<Section> p = policy.section(name);
      List<String> allow = new ArrayList<>();
      List<String> deny = new ArrayList<>();
      List<String> identities = new ArrayList<>();
      if (p.isPresent()) {
        p.get().scalars("allow", false).forEach(s -> allow.add(s.isNull() ? "" : s.text()));
        p.get().scalars("deny", false).forEach(s -> deny.add(s.isNull() ? "" : s.text()));
        for (Scalar s : p.get().scalars("identities", true)) {
          String id = s.isNull() ? "" : s.text();
          String prefix = "kesconf: invalid policy '" + name + "': identity '" + id + "' is already ";
          if (id.equals(admin)) {
            throw new ConfigException(prefix + "admin", s.line());
          }
          if (proxies.contains(id)) {
            throw new ConfigException(prefix + "a TLS proxy", s.line());
          }
          if (!Names.isValidName(id)) {
            throw new ConfigException("kes: " + Names.invalidName("identity", id), s.line());
          }
          String previous = owner.putIfAbsent(id, name);
          if (previous != null && !previous.equals(name)) {
            throw new ConfigException(
                "kes: cannot assign policy '" + name + "' to '" + id + "': identity already has a policy", s.line());
          }
          identities.add(id);
        }
        p.get().warnUnknown();
      }
      if (!Names.isValidName(name)) {
        throw new ConfigException(
            "kes: " + Names.invalidName("policy name", name), policy.lineOf(name));
      }
      policies.put(name, new PolicyConfig(allow, deny, identities));
    }
    return policies;
  }

  static CacheConfig cache(Optional<Section> maybeCache) {
    Duration any = Duration.ZERO;
    Duration unused = Duration.ZERO;
    Duration offline = Duration.ZERO;
    if (maybeCache.isPresent()) {
      Section cache = maybeCache.get();
      Optional<Section> expiry = cache.section("expiry");
      if (expiry.isPresent()) {
        Section e = expiry.get();
        any = e.duration("any");
        unused = e.duration("unused");
        offline = e.duration("offline");
        if (any.isNegative()) {
          throw new ConfigException("kesconf: invalid cache expiry '" + GoDuration.format(any) + "'", e.lineOf("any"));
        }
        if (unused.isNegative()) {
          throw new ConfigException(
              "kesconf: invalid cache unused expiry '" + GoDuration.format(unused) + "'", e.lineOf("unused"));
        }
        if (offline.isNegative()) {
          throw new ConfigException(
              "kesconf: invalid offline cache expiry '" + GoDuration.format(offline) + "'", e.lineOf("offline"));
        }
        e.warnUnknown();
      }
      cache.warnUnknown();
    }
    // docs/migrating-from-go-kes.md: the documented defaults, any 5m and unused 30s; offline 0
    // stays off.
    CacheConfig defaults = CacheConfig.defaults();
    return new CacheConfig(
        any.isZero() ? defaults.any() : any, unused.isZero() ? defaults.unused() : unused, offline);
  }

  static LogConfig log(Optional<Section> maybeLog) {
    if (maybeLog.isEmpty()) {
      return LogConfig.defaults();
    }
    Section log = maybeLog.get();
    Optional<Scalar> error = log.scalar("error", true);
    Optional<Scalar> audit = log.scalar("audit", true);
    log.warnUnknown();
    int errorLevel = level(error, log, "error");
    int auditLevel = level(audit, log, "audit");
    boolean auditSet = audit.isPresent() && !audit.get().isNull() && !audit.get().text().isBlank();
    return new LogConfig(errorLevel, auditLevel, auditSet && auditLevel <= LogConfig.INFO);
  }

  private static int level(Optional<Scalar> value, Section log, String key) {
    if (value.isEmpty() || value.get().isNull()) {
      return LogConfig.INFO;
    }
    try {
      return LogLevels.parse(value.get().text());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), value.get().line());
    }
  }

  static ApiRouteConfig apiRoute(String path, Section s, ParseContext context) {
    Duration timeout = Duration.ZERO;
    boolean skipAuth = false;
    if (s != null) {
      skipAuth = s.bool("skip_auth", false);
      timeout = s.duration("timeout");
      if (timeout.isNegative()) {
        throw new ConfigException(
            "kesconf: invalid timeout '" + timeout.toNanos() + "' for API '" + path + "'", s.lineOf("timeout"));
      }
      s.warnUnknown();
    }
    int line = s == null ? 0 : s.line;
    if (!ConfigParser.ROUTES.contains(path)) {
      context.warn("api." + path, line, "API '" + path + "' is not a route of the server; its settings are ignored");
    }
    if (skipAuth && !ConfigParser.SKIP_AUTH_ROUTES.contains(path)) {
      context.warn(
          "api." + path,
          line,
          "API '" + path + "' has skip_auth: anyone who completes the TLS handshake may call it");
    }
    return new ApiRouteConfig(timeout, skipAuth);
  }

  static List<String> keys(Section root) {
    Set<String> names = new LinkedHashSet<>();
    List<Node> entries = root.sequence("keys");
    for (int i = 0; i < entries.size(); i++) {
      Node entry = entries.get(i);
      if (YamlNodes.isNull(entry)) {
        continue;
      }
      Section key = root.toSection(entry, "keys[" + i + "]", YamlNodes.line(entry));
      Optional<Scalar> name = key.scalar("name", true);
      key.warnUnknown();
      String text = name.map(n -> n.isNull() ? "" : n.text()).orElse("");
      int line = name.map(Scalar::line).orElse(key.line);
      if (!names.add(text)) {
        throw new ConfigException("kesconf: invalid key config: key '" + text + "' is defined multiple times", line);
      }
      // Our decision (docs/formats.md#listing-and-names): names are checked here, not left to fail
      // in the key store.
      if (!Names.isValidName(text)) {
        throw new ConfigException(
            "kesconf: invalid key config: " + Names.invalidName("key name", text), line);
      }
    }
    return List.copyOf(names);
  }
}
