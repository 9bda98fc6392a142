package io.kesjava.server.config;

import io.kesjava.keystore.KeyStoreConfig;
import io.kesjava.keystore.internal.GoDuration;
import java.io.File;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The {@code keystore} section ({@code docs/configuration.md#keystore}): finds the one backend,
 * checks the sections of the backends KES documents (their required keys and messages, unknown
 * keys), and turns the backend's section into a {@link KeyStoreConfig} with {@code ${ENV}}
 * expanded. Sections of other backends (third-party providers) are passed on unchecked.
 */
final class KeyStoreParser {

  private final ParseContext context;
  private final Map<String, Integer> lines = new LinkedHashMap<>();

  private KeyStoreParser(ParseContext context) {
    this.context = context;
  }

  static KeyStoreSection parse(Optional<Section> keystore, ParseContext context) {
    return new KeyStoreParser(context).parse(keystore);
  }

  private KeyStoreSection parse(Optional<Section> maybeKeystore) {
    if (maybeKeystore.isEmpty()) {
      return memory(0);
    }
    Section keystore = maybeKeystore.get();
    List<String[]> found = new ArrayList<>(); // {backend, inner} pairs in KES's order, then others
    for (String backend : KeyStoreSchemas.ORDER) {
      String inner = KeyStoreSchemas.INNER.get(backend);
      if (!keystore.has(backend)) {
        continue;
      }
      if (inner == null) {
        found.add(new String[] {backend, null});
        continue;
      }
      Node wrapper = keystore.node(backend).orElseThrow();
      if (!(wrapper instanceof MappingNode)) {
        throw Section.typeError(keystore.key(backend), wrapper, "a mapping");
      }
      Section w = new Section((MappingNode) wrapper, keystore.key(backend), keystore.lineOf(backend), context);
      if (w.has(inner)) {
        found.add(new String[] {backend, inner});
      } else {
        w.ignore(inner);
        w.warnUnknown();
      }
    }
    if (keystore.has("kes")) {
      keystore.warn("kes", "keystore.kes is ignored: KES has no KES-to-KES key store");
    }
    keystore.ignore("kes");
    for (String name : keystore.keys()) {
      if (!KeyStoreSchemas.ORDER.contains(name) && !name.equals("kes")) {
        if (keystore.has(name)) {
          found.add(new String[] {name, null});
        } else {
          keystore.ignore(name);
          keystore.warn(name, "unknown key '" + keystore.key(name) + "'");
        }
      }
    }
    for (String backend : KeyStoreSchemas.ORDER) {
      keystore.ignore(backend);
    }
    if (found.size() > 1) {
      String second = found.get(1)[0];
      throw new ConfigException(
          "kesconf: invalid keystore config: more than once keystore specified", keystore.lineOf(second));
    }
    if (found.isEmpty()) {
      return memory(keystore.line);
    }
    String backend = found.get(0)[0];
    String path = keystore.key(backend);
    Node node = keystore.node(backend).orElseThrow();
    Object schema = KeyStoreSchemas.SCHEMAS.get(backend);
    @SuppressWarnings("unchecked") // convert() returns a map for a mapping node
    Map<String, Object> values = (Map<String, Object>) convert(node, path, keystore.lineOf(backend), schema);
    if (schema != null) {
      KeyStoreValidation.validate(backend, new Values(values, path, keystore.lineOf(backend), lines));
    }
    if (backend.equals("mem")) {
      context.warn(path, keystore.lineOf(backend), memoryWarning());
    }
    return new KeyStoreSection(backend, KeyStoreConfig.of(path, values), lines);
  }

  private KeyStoreSection memory(int line) {
    context.warn("keystore", line, "no keystore specified: " + memoryWarning());
    return new KeyStoreSection("mem", KeyStoreConfig.of("keystore.mem", Map.of()), Map.of());
  }

  private static String memoryWarning() {
    return "keys are kept in memory and lost when the server stops";
  }

  /**
   * Turns a node into maps, lists and strings with {@code ${ENV}} expanded, recording lines and
   * warning about keys the schema does not know. {@code schema} is a {@code Map} for a mapping, a
   * {@link KeyStoreSchemas.Leaf} for a leaf, or {@code null} when unchecked.
   */
  private Object convert(Node node, String path, int line, Object schema) {
    lines.put(path, line);
    if (node instanceof MappingNode) {
      if (schema instanceof KeyStoreSchemas.Leaf) {
        throw Section.typeError(path, node, ((KeyStoreSchemas.Leaf) schema).goType);
      }
      Map<?, ?> known = schema instanceof Map ? (Map<?, ?>) schema : null;
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<String, NodeTuple> e : YamlNodes.entries((MappingNode) node, path).entrySet()) {
        String key = e.getKey();
        String child = path + "." + key;
        int childLine = YamlNodes.line(e.getValue().getKeyNode());
        Object childSchema = known == null ? null : known.get(key);
        if (known != null && childSchema == null) {
          context.warn(child, childLine, "unknown key '" + child + "'");
        }
        if (childSchema == KeyStoreSchemas.Leaf.IGNORED) {
          context.warn(child, childLine, child + " is ignored (as by KES)");
        }
        Node value = e.getValue().getValueNode();
        if (YamlNodes.isNull(value)) {
          lines.put(child, childLine);
          continue;
        }
        out.put(key, convert(value, child, childLine, childSchema));
      }
      return out;
    }
    if (schema instanceof Map) {
      throw Section.typeError(path, node, "a mapping");
    }
    if (node instanceof SequenceNode) {
      if (schema != null && schema != KeyStoreSchemas.Leaf.LIST && schema != KeyStoreSchemas.Leaf.IGNORED) {
        throw Section.typeError(path, node, ((KeyStoreSchemas.Leaf) schema).goType);
      }
      List<Object> out = new ArrayList<>();
      for (Node element : ((SequenceNode) node).getValue()) {
        out.add(YamlNodes.isNull(element) ? "" : convert(element, path, YamlNodes.line(element), leafOf(schema)));
      }
      return out;
    }
    if (schema == KeyStoreSchemas.Leaf.LIST) {
      throw Section.typeError(path, node, "[]string");
    }
    ScalarNode scalar = (ScalarNode) node;
    String text = Env.expand(scalar.getValue(), YamlNodes.line(scalar), context.env);
    if (schema == KeyStoreSchemas.Leaf.DURATION) {
      boolean fromEnv = Env.reference(scalar.getValue()) != null;
      String tag = YamlNodes.shortTag(scalar);
      if (!fromEnv && (tag.equals("!!int") || tag.equals("!!float"))) {
        throw new ConfigException(
            "kesconf: " + path + ": cannot unmarshal " + tag + " `" + text + "` into time.Duration", line);
      }
      try {
        GoDuration.parse(text);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("kesconf: " + path + ": " + e.getMessage(), line);
      }
    }
    return text;
  }

  private static Object leafOf(Object schema) {
    return schema == KeyStoreSchemas.Leaf.LIST ? KeyStoreSchemas.Leaf.STRING : schema;
  }

  /** Read access to a converted backend section for the validation rules. */
  static final class Values {
    private final Map<String, Object> root;
    private final String path;
    private final int line;
    private final Map<String, Integer> lines;

    Values(Map<String, Object> root, String path, int line, Map<String, Integer> lines) {
      this.root = root;
      this.path = path;
      this.line = line;
      this.lines = lines;
    }

    /** The value at a dotted path below the section, or {@code null}. */
    Object get(String dotted) {
      Object current = root;
      for (String part : dotted.split("\\.")) {
        if (!(current instanceof Map)) {
          return null;
        }
        current = ((Map<?, ?>) current).get(part);
      }
      return current;
    }

    /** The text at a dotted path; empty when absent. */
    String string(String dotted) {
      Object v = get(dotted);
      return v instanceof String ? (String) v : "";
    }

    /** Whether a sub-section is present (a mapping, even an empty one). */
    boolean section(String dotted) {
      return get(dotted) instanceof Map;
    }

    /** The line of a dotted path, or of the closest enclosing key that is in the file. */
    int line(String dotted) {
      String full = path + "." + dotted;
      while (true) {
        Integer l = lines.get(full);
        if (l != null) {
          return l;
        }
        int dot = full.lastIndexOf('.');
        if (dot <= path.length()) {
          return line;
        }
        full = full.substring(0, dot);
      }
    }

    ConfigException fail(String message, String dotted) {
      return new ConfigException(message, line(dotted));
    }

    Duration duration(String dotted) {
      String text = string(dotted);
      return text.isEmpty() ? Duration.ZERO : GoDuration.parse(text);
    }

    /**
     * Fails when a JWT given as a path cannot be read ({@code
     * docs/keystores/vault.md#configuration}).
     */
    void requireReadable(String dotted, String message) {
      String value = string(dotted);
      if (!value.contains("/") && !value.contains(File.separator)) {
        return;
      }
      try {
        Files.readAllBytes(Path.of(value));
      } catch (NoSuchFileException e) {
        throw fail(message + " '" + value + "': no such file or directory", dotted);
      } catch (AccessDeniedException e) {
        throw fail(message + " '" + value + "': permission denied", dotted);
      } catch (IOException | InvalidPathException e) {
        throw fail(message + " '" + value + "': " + e.getMessage(), dotted);
      }
    }
  }
}
