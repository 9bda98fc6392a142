package io.kesjava.server.config;

import io.kesjava.core.CacheConfig;
import io.kesjava.core.Identity;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
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
 * Reads a KES server config file ({@code docs/configuration.md#how-the-file-is-read}) into a {@link
 * ServerConfig}.
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
 * policy and key names are checked while parsing, and a file without a key store gets the in-memory
 * store with a warning ({@code docs/migrating-from-go-kes.md}).
 *
 * <p>Overrides (from {@code kes server} flags) replace values of the file before validation, as if
 * they were written there.
 *
 * <p>Thread-safety: immutable; safe for concurrent use.
 */
public final class ConfigParser {

  /** Route paths of the current server ({@code docs/configuration.md#api}). */
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
    TlsConfig tls = SectionDecoders.tls(root.section("tls"), admin, overrides);

    // api is read before the policies and cache, but validated at its place in KES's order.
    Map<String, Section> apiSections = new LinkedHashMap<>();
    root.section("api").ifPresent(api -> {
      for (String path : api.keys()) {
        api.section(path).ifPresentOrElse(s -> apiSections.put(path, s), () -> apiSections.put(path, null));
      }
    });

    // 8. policies
    Map<String, PolicyConfig> policies = SectionDecoders.policies(root.section("policy"), admin, tls.proxyIdentities());

    // 9. cache
    CacheConfig cache = SectionDecoders.cache(root.section("cache"));

    // 10. log
    LogConfig log = SectionDecoders.log(root.section("log"));

    // 11. api
    Map<String, ApiRouteConfig> api = new LinkedHashMap<>();
    apiSections.forEach((path, s) -> api.put(path, SectionDecoders.apiRoute(path, s, context)));

    // 12. keys
    List<String> keys = SectionDecoders.keys(root);

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
      return put("address", address, "address");
    }

    /** Overrides {@code tls.key} ({@code --key}). */
    public Builder tlsKey(String path) {
      return put("tls.key", path, "path");
    }

    /** Overrides {@code tls.cert} ({@code --cert}). */
    public Builder tlsCert(String path) {
      return put("tls.cert", path, "path");
    }

    /** Overrides {@code tls.auth} ({@code --auth}): {@code on} or {@code off}. */
    public Builder tlsAuth(String auth) {
      return put("tls.auth", auth, "auth");
    }

    private Builder put(String key, String value, String what) {
      overrides.put(key, Objects.requireNonNull(value, what));
      return this;
    }

    /** The parser; the builder may be reused. */
    public ConfigParser build() {
      return new ConfigParser(this);
    }
  }
}
