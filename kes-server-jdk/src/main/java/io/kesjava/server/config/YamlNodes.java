package io.kesjava.server.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Helpers over SnakeYAML's node tree: lines, short tags, mapping entries with merge keys. */
final class YamlNodes {

  private static final String STANDARD_PREFIX = "tag:yaml.org,2002:";

  private YamlNodes() {}

  static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  /** The node's tag as Go's YAML library prints it: {@code !!map}, {@code !!str}, {@code !!int}. */
  static String shortTag(Node node) {
    String value = node.getTag().getValue();
    return value.startsWith(STANDARD_PREFIX) ? "!!" + value.substring(STANDARD_PREFIX.length()) : value;
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
  }

  /**
   * The entries of a mapping, by key text, in file order, with {@code <<} merge keys resolved
   * (explicit keys win over merged ones).
   *
   * @throws ConfigException for a duplicate or non-scalar key
   */
  static Map<String, NodeTuple> entries(MappingNode mapping, String path) {
    Map<String, NodeTuple> explicit = new LinkedHashMap<>();
    List<Node> merges = new ArrayList<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node key = tuple.getKeyNode();
      if (key.getTag().equals(Tag.MERGE)) {
        merges.add(tuple.getValueNode());
        continue;
      }
      if (!(key instanceof ScalarNode)) {
        throw new ConfigException(
            "kesconf: " + describe(path) + "cannot use " + shortTag(key) + " as a mapping key", line(key));
      }
      String text = ((ScalarNode) key).getValue();
      NodeTuple previous = explicit.putIfAbsent(text, tuple);
      if (previous != null) {
        throw new ConfigException(
            "yaml: line " + line(key) + ": mapping key \"" + text + "\" already defined at line " + line(previous.getKeyNode()),
            line(key));
      }
    }
    if (merges.isEmpty()) {
      return explicit;
    }
    Map<String, NodeTuple> merged = new LinkedHashMap<>();
    for (Node merge : merges) {
      List<Node> sources = new ArrayList<>();
      if (merge instanceof SequenceNode) {
        sources.addAll(((SequenceNode) merge).getValue());
      } else {
        sources.add(merge);
      }
      for (Node source : sources) {
        if (!(source instanceof MappingNode)) {
          throw new ConfigException("kesconf: " + describe(path) + "merge key '<<' needs a mapping", line(source));
        }
        entries((MappingNode) source, path).forEach(merged::putIfAbsent);
      }
    }
    merged.keySet().removeAll(explicit.keySet());
    Map<String, NodeTuple> all = new LinkedHashMap<>(explicit);
    all.putAll(merged);
    return all;
  }

  /** Checks every mapping of the tree for duplicate keys, so that ignored sections are checked too. */
  static void checkDuplicates(Node root) {
    Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Node> todo = new ArrayList<>(List.of(root));
    while (!todo.isEmpty()) {
      Node node = todo.remove(todo.size() - 1);
      if (!seen.add(node)) {
        continue;
      }
      if (node instanceof MappingNode) {
        entries((MappingNode) node, "");
        for (NodeTuple t : ((MappingNode) node).getValue()) {
          todo.add(t.getValueNode());
        }
      } else if (node instanceof SequenceNode) {
        todo.addAll(((SequenceNode) node).getValue());
      }
    }
  }

  private static String describe(String path) {
    return path.isEmpty() ? "" : path + ": ";
  }
}
