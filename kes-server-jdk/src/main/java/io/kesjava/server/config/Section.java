package io.kesjava.server.config;

import io.kesjava.keystore.internal.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A mapping of the config file, read as KES's schema reads it ({@code
 * docs/configuration.md#how-the-file-is-read}): typed getters for its keys, type errors with the
 * line, and a warning for every key nobody read.
 */
final class Section {

  private static final Set<String> GO_TRUE = Set.of("y", "Y", "yes", "Yes", "YES", "on", "On", "ON");
  private static final Set<String> GO_FALSE = Set.of("n", "N", "no", "No", "NO", "off", "Off", "OFF");
  private static final Set<String> YAML_TRUE = Set.of("true", "True", "TRUE");
  private static final Set<String> YAML_FALSE = Set.of("false", "False", "FALSE");

  final String path;
  final int line;
  private final Map<String, NodeTuple> entries;
  private final Set<String> used = new HashSet<>();
  private final ParseContext context;

  Section(MappingNode node, String path, int line, ParseContext context) {
    this.path = path;
    this.line = line;
    this.entries = YamlNodes.entries(node, path);
    this.context = context;
  }

  String key(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  Set<String> keys() {
    return entries.keySet();
  }

  /** Whether {@code key} is present with a value other than null. */
  boolean has(String key) {
    NodeTuple t = entries.get(key);
    return t != null && !YamlNodes.isNull(t.getValueNode());
  }

  /** The line of {@code key}, or of this section when the key is absent. */
  int lineOf(String key) {
    NodeTuple t = entries.get(key);
    return t == null ? line : YamlNodes.line(t.getKeyNode());
  }

  /** The raw value node of {@code key} (marking it read), or empty when absent or null. */
  Optional<Node> node(String key) {
    used.add(key);
    NodeTuple t = entries.get(key);
    if (t == null || YamlNodes.isNull(t.getValueNode())) {
      return Optional.empty();
    }
    return Optional.of(t.getValueNode());
  }

  /** The mapping at {@code key}; empty when absent or null (an empty section is "not present"). */
  Optional<Section> section(String key) {
    return node(key).map(n -> toSection(n, key(key), lineOf(key)));
  }

  Section toSection(Node node, String fullKey, int keyLine) {
    if (!(node instanceof MappingNode)) {
      throw typeError(fullKey, node, "a mapping");
    }
    return new Section((MappingNode) node, fullKey, keyLine, context);
  }

  /** The scalar at {@code key} with {@code ${ENV}} expanded when {@code env}; empty when absent or null. */
  Optional<Scalar> scalar(String key, boolean env) {
    return node(key).map(n -> scalar(n, key(key), env));
  }

  Scalar scalar(Node node, String fullKey, boolean env) {
    if (!(node instanceof ScalarNode)) {
      throw typeError(fullKey, node, "string");
    }
    ScalarNode s = (ScalarNode) node;
    int l = YamlNodes.line(s);
    if (env && Env.reference(s.getValue()) != null) {
      return new Scalar(Env.expand(s.getValue(), l, context.env), l, "!!str", false, true);
    }
    return new Scalar(s.getValue(), l, YamlNodes.shortTag(s), s.isPlain(), false);
  }

  /** The text at {@code key}; empty text when absent or null. */
  String string(String key, boolean env) {
    return scalar(key, env).map(s -> s.isNull() ? "" : s.text()).orElse("");
  }

  /**
   * The Go duration at {@code key}; zero when absent. A plain YAML number is a type error, as in
   * KES; a quoted {@code "0"} or one from the environment is fine.
   */
  Duration duration(String key) {
    Optional<Scalar> s = scalar(key, true);
    if (s.isEmpty() || s.get().isNull()) {
      return Duration.ZERO;
    }
    Scalar v = s.get();
    if (v.tag().equals("!!int") || v.tag().equals("!!float")) {
      throw new ConfigException(
          "kesconf: " + key(key) + ": cannot unmarshal " + v.tag() + " `" + v.text() + "` into time.Duration", v.line());
    }
    try {
      return GoDuration.parse(v.text());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("kesconf: " + key(key) + ": " + e.getMessage(), v.line());
    }
  }

  /**
   * The boolean at {@code key}, as Go's YAML library decodes it: a plain {@code true/false} (three
   * spellings each) or {@code y/yes/on/n/no/off} (three spellings each); from a quoted scalar or the
   * environment only the latter.
   */
  boolean bool(String key, boolean defaultValue) {
    Optional<Scalar> s = scalar(key, true);
    if (s.isEmpty() || s.get().isNull()) {
      return defaultValue;
    }
    Scalar v = s.get();
    if (GO_TRUE.contains(v.text()) || (v.plain() && YAML_TRUE.contains(v.text()))) {
      return true;
    }
    if (GO_FALSE.contains(v.text()) || (v.plain() && YAML_FALSE.contains(v.text()))) {
      return false;
    }
    throw new ConfigException("kesconf: " + key(key) + ": cannot unmarshal " + v.tag() + " into bool", v.line());
  }

  /** The sequence of scalars at {@code key}; empty when absent or null. A null element is "". */
  List<Scalar> scalars(String key, boolean env) {
    List<Scalar> out = new ArrayList<>();
    for (Node n : sequence(key)) {
      out.add(scalar(n, key(key), env));
    }
    return out;
  }

  /** The sequence at {@code key}; empty when absent or null. */
  List<Node> sequence(String key) {
    Optional<Node> n = node(key);
    if (n.isEmpty()) {
      return List.of();
    }
    if (!(n.get() instanceof SequenceNode)) {
      throw typeError(key(key), n.get(), "a list");
    }
    return ((SequenceNode) n.get()).getValue();
  }

  /** Marks {@code key} as known but not read, so that it is not reported as unknown. */
  void ignore(String key) {
    used.add(key);
  }

  /** Adds a warning for every key of this section that was not read. */
  void warnUnknown() {
    for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
      if (!used.contains(e.getKey())) {
        context.warn(key(e.getKey()), YamlNodes.line(e.getValue().getKeyNode()), "unknown key '" + key(e.getKey()) + "'");
      }
    }
  }

  void warn(String key, String message) {
    context.warn(key(key), lineOf(key), message);
  }

  static ConfigException typeError(String fullKey, Node node, String type) {
    String kind = YamlNodes.shortTag(node);
    return new ConfigException("kesconf: " + fullKey + ": cannot unmarshal " + kind + " into " + type, YamlNodes.line(node));
  }
}
