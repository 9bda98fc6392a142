package io.kesjava.server.config;

import io.kesjava.core.CacheConfig;
import io.kesjava.core.Identity;
import io.kesjava.core.Names;
import io.kesjava.keystore.internal.GoDuration;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a KES server config file ({@code config.md} §1-§3) into a {@link ServerConfig}.
 *
 * <pre>{@code
 * ServerConfig config = ConfigParser.builder().build().parse(Path.of("config.yml"));
 * config.warnings().forEach(w -> System.err.println("WARNING: " + w));
 * }</pre>
 *
 * <p>As KES: only the first YAML document counts; every scalar is read as its literal text ({@code
 * on} stays {@code on}); {@code version} must be {@code v1} if present; {@code ${NAME}} references
 * are expanded where KES expands them; durations are Go durations. Checks run in KES's order and
 * fail with KES's message plus {@code (line N)}. Unlike KES, unknown keys are reported as warnings,
 * policy and key names are checked while parsing, and a file without a key store gets the
 * in-memory store with a warning ({@code spec/README.md}).
 *
 * <p>Overrides (from {@code kes server} flags) replace values of the file before validation, as if
 * they were written there.
 *
 * <p>Thread-safety: immutable; safe for concurrent use.
 */
public final class ConfigParser {

  /** Route paths of the current server ({@code config.md} §2.3). */
  static final Set<String> ROUTES =
      Set.of(
          "/version", "/v1/ready", "/v1/status", "/v1/metrics", "/v1/api", "/v1/key/create/",
          "/v1/key/import/", "/v1/key/describe/", "/v1/key/list/", "/v1/key/delete/",
          "/v1/key/encrypt/", "/v1/key/generate/", "/v1/key/decrypt/", "/v1/key/hmac/",
          "/v1/policy/describe/", "/v1/policy/read/", "/v1/policy/list/", "/v1/identity/describe/",
          "/v1/identity/list/", "/v1/identity/self/describe", "/v1/log/error", "/v1/log/audit");

  /** The routes KES documents {@code skip_auth} for. */
  static final Set<String> SKIP_AUTH_ROUTES = Set.of("/v1/ready", "/v1/status", "/v1/metrics", "/v1/api");

  private final Function<String, String> env;
  private final Map<String, String> overrides;

  private ConfigParser(Builder b) {
    this.env = b.env;
    this.overrides = Map.copyOf(b.overrides);
  }

  /** A builder; by default references are looked up in {@link System#getenv(String)}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads and parses {@code file}.
   *
   * @throws ConfigException if the file is not a valid config
   * @throws UncheckedIOException if it cannot be read
   */
  public ServerConfig parse(Path file) {
    Objects.requireNonNull(file, "file");
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read config file '" + file + "': " + e.getMessage(), e);
    }
    return parse(text);
  }

  /**
   * Parses the text of a config file.
   *
   * @throws ConfigException if it is not a valid config
   */
  public ServerConfig parse(String yaml) {
    Objects.requireNonNull(yaml, "yaml");
    ParseContext context = new ParseContext(env);
    Section root = root(yaml, context);

    // 2. version (no env).
    Optional<Node> versionNode = root.node("version");
    if (versionNode.isPresent()) {
      Node v = versionNode.get();
      if (!(v instanceof ScalarNode)) {
        throw new ConfigException("kesconf: invalid config version at line '" + YamlNodes.line(v) + "'", YamlNodes.line(v));
      }
      String version = ((ScalarNode) v).getValue();
      if (!version.equals("v1")) {
        throw new ConfigException("edge: invalid server config version '" + version + "'", YamlNodes.line(v));
      }
    }

    String fileAddress = root.string("address", true);
    String address = override("address").orElse(fileAddress);
    if (!address.isEmpty() && !overrides.containsKey("address")) {
      try {
        ListenAddress.parse(address);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("kesconf: invalid address '" + address + "': " + e.getMessage(), root.lineOf("address"));
      }
    }

    // 3. admin
    Optional<Section> adminSection = root.section("admin");
    String admin = adminSection.map(a -> a.string("identity", true)).orElse("");
    adminSection.ifPresent(Section::warnUnknown);
    if (admin.isEmpty()) {
      int line = adminSection.map(a -> a.lineOf("identity")).orElse(0);
      throw new ConfigException("kesconf: invalid admin identity: no admin identity", line);
    }

    // 4.-7. tls
    TlsConfig tls = tls(root.section("tls"), admin);

    // api is read before the policies and cache, but validated at its place in KES's order.
    Map<String, Section> apiSections = new LinkedHashMap<>();
    root.section("api").ifPresent(api -> {
      for (String path : api.keys()) {
        api.section(path).ifPresentOrElse(s -> apiSections.put(path, s), () -> apiSections.put(path, null));
      }
    });

    // 8. policies
    Map<String, PolicyConfig> policies = policies(root.section("policy"), admin, tls.proxyIdentities());

    // 9. cache
    CacheConfig cache = cache(root.section("cache"));

    // 10. log
    LogConfig log = log(root.section("log"));

    // 11. api
    Map<String, ApiRouteConfig> api = new LinkedHashMap<>();
    apiSections.forEach((path, s) -> api.put(path, apiRoute(path, s, context)));

    // 12. keys
    List<String> keys = keys(root);

    // 13. keystore
    KeyStoreSection keyStore = KeyStoreParser.parse(root.section("keystore"), context);

    root.warnUnknown();
    return new ServerConfig(
        address, new Identity(admin), tls, api, policies, cache, log, keys, keyStore, context.warnings);
  }

  private Section root(String yaml, ParseContext context) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true); // reported by us, with both lines
    options.setMaxAliasesForCollections(50);
    Node document;
    try {
      org.yaml.snakeyaml.Yaml parser =
          new org.yaml.snakeyaml.Yaml(
              new SafeConstructor(options),
              new Representer(new DumperOptions()),
              new DumperOptions(),
              options,
              new CoreSchemaResolver());
      Iterator<Node> documents = parser.composeAll(new StringReader(yaml)).iterator();
      document = documents.hasNext() ? documents.next() : null;
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new ConfigException("yaml: line " + line + ": " + e.getProblem(), line);
    } catch (YAMLException e) {
      throw new ConfigException("yaml: " + e.getMessage(), 0);
    }
    if (document == null || YamlNodes.isNull(document)) {
      throw new ConfigException("kesconf: config file is empty", 0);
    }
    if (!(document instanceof MappingNode)) {
      throw new ConfigException("kesconf: invalid config format: expected a mapping", YamlNodes.line(document));
    }
    YamlNodes.checkDuplicates(document);
    return new Section((MappingNode) document, "", YamlNodes.line(document), context);
  }

  private Optional<String> override(String key) {
    return Optional.ofNullable(overrides.get(key));
  }

  private TlsConfig tls(Optional<Section> maybeTls, String admin) {
    Section tls = maybeTls.orElse(null);
    int line = tls == null ? 0 : tls.line;
    String fileKey = tls == null ? "" : tls.string("key", true);
    String fileCert = tls == null ? "" : tls.string("cert", true);
    String fileAuth = tls == null ? "" : tls.string("auth", true);
    String key = override("tls.key").orElse(fileKey);
    if (key.isEmpty()) {
      throw new ConfigException("kesconf: invalid tls config: no private key", tls == null ? 0 : tls.lineOf("key"));
    }
    String cert = override("tls.cert").orElse(fileCert);
    if (cert.isEmpty()) {
      throw new ConfigException("kesconf: invalid tls config: no certificate", tls == null ? 0 : tls.lineOf("cert"));
    }
    String auth = override("tls.auth").orElse(fileAuth);
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

  private Map<String, PolicyConfig> policies(Optional<Section> maybePolicy, String admin, List<String> proxies) {
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
            throw new ConfigException("kes: identity '" + id + "' is empty, too long or contains invalid characters", s.line());
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
            "kes: policy name '" + name + "' is empty, too long or contains invalid characters", policy.lineOf(name));
      }
      policies.put(name, new PolicyConfig(allow, deny, identities));
    }
    return policies;
  }

  private static CacheConfig cache(Optional<Section> maybeCache) {
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
    // spec/README.md: the documented defaults, any 5m and unused 30s; offline 0 stays off.
    CacheConfig defaults = CacheConfig.defaults();
    return new CacheConfig(
        any.isZero() ? defaults.any() : any, unused.isZero() ? defaults.unused() : unused, offline);
  }

  private static LogConfig log(Optional<Section> maybeLog) {
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

  private static ApiRouteConfig apiRoute(String path, Section s, ParseContext context) {
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
    if (!ROUTES.contains(path)) {
      context.warn("api." + path, line, "API '" + path + "' is not a route of the server; its settings are ignored");
    }
    if (skipAuth && !SKIP_AUTH_ROUTES.contains(path)) {
      context.warn(
          "api." + path,
          line,
          "API '" + path + "' has skip_auth: anyone who completes the TLS handshake may call it");
    }
    return new ApiRouteConfig(timeout, skipAuth);
  }

  private static List<String> keys(Section root) {
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
      // Our decision (formats.md §9.1): names are checked here, not left to fail in the key store.
      if (!Names.isValidName(text)) {
        throw new ConfigException(
            "kesconf: invalid key config: key name '" + text + "' is empty, too long or contains invalid characters", line);
      }
    }
    return List.copyOf(names);
  }

  /** Builds a {@link ConfigParser}. Not thread-safe. */
  public static final class Builder {
    private Function<String, String> env = System::getenv;
    private final Map<String, String> overrides = new HashMap<>();

    private Builder() {}

    /**
     * Where {@code ${NAME}} references are looked up; the function returns {@code null} for an unset
     * variable. Default: {@link System#getenv(String)}.
     */
    public Builder environment(Function<String, String> env) {
      this.env = Objects.requireNonNull(env, "env");
      return this;
    }

    /** Overrides {@code address} ({@code --addr}). */
    public Builder address(String address) {
      overrides.put("address", Objects.requireNonNull(address, "address"));
      return this;
    }

    /** Overrides {@code tls.key} ({@code --key}). */
    public Builder tlsKey(String path) {
      overrides.put("tls.key", Objects.requireNonNull(path, "path"));
      return this;
    }

    /** Overrides {@code tls.cert} ({@code --cert}). */
    public Builder tlsCert(String path) {
      overrides.put("tls.cert", Objects.requireNonNull(path, "path"));
      return this;
    }

    /** Overrides {@code tls.auth} ({@code --auth}): {@code on} or {@code off}. */
    public Builder tlsAuth(String auth) {
      overrides.put("tls.auth", Objects.requireNonNull(auth, "auth"));
      return this;
    }

    public ConfigParser build() {
      return new ConfigParser(this);
    }
  }
}
