package io.kesjava.server.config;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Resolves plain scalars with the YAML 1.2 core schema, as Go's YAML library does, instead of
 * SnakeYAML's YAML 1.1 rules: {@code on}, {@code yes} and {@code 1_000} are strings, not booleans or
 * numbers. Only tags depend on this; values are always read as their literal text.
 */
final class CoreSchemaResolver extends Resolver {

  private static final Pattern BOOL = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
  private static final Pattern INT = Pattern.compile("^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$");
  private static final Pattern FLOAT =
      Pattern.compile(
          "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
  private static final Pattern NULL = Pattern.compile("^(?:~|null|Null|NULL)$");

  @Override
  protected void addImplicitResolvers() {
    addImplicitResolver(Tag.BOOL, BOOL, "tTfF");
    addImplicitResolver(Tag.INT, INT, "-+0123456789");
    addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
    addImplicitResolver(Tag.MERGE, MERGE, "<");
    addImplicitResolver(Tag.NULL, NULL, "~nN\0");
    addImplicitResolver(Tag.NULL, EMPTY, null);
  }
}
