package io.kesjava.keystore.tck;

import io.kesjava.keystore.KeyStoreConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.Constructor;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a KES config file's {@code keystore.<name>} section as the server does: every scalar as its
 * literal text ({@code docs/configuration.md#how-the-file-is-read}), no environment expansion. A
 * backend's provider tests use it to run the config files of KES and the examples of their README
 * against the provider.
 *
 * <p>Thread-safety: stateless; safe for concurrent use.
 */
public final class KesYaml {

  private KesYaml() {}

  /**
   * The section {@code keystore.<backend>} of {@code yaml}, as a {@link KeyStoreConfig} whose path
   * is {@code keystore.<backend>}.
   *
   * @param yaml a KES config file's text
   * @param backend the section's name under {@code keystore}, such as {@code aws}
   * @throws IllegalArgumentException if the text, its {@code keystore} or that section is not a
   *     mapping
   */
  public static KeyStoreConfig keystoreSection(String yaml, String backend) {
    Map<String, Object> root = parse(yaml);
    Map<String, Object> keystore = map(root.get("keystore"));
    return KeyStoreConfig.of("keystore." + backend, map(keystore.get(backend)));
  }

  /** The {@code ```yaml} blocks of a Markdown text, in order; empty if there are none. */
  public static List<String> yamlBlocks(String markdown) {
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  private static Map<String, Object> parse(String yaml) {
    LoaderOptions options = new LoaderOptions();
    Resolver literalScalars =
        new Resolver() {
          @Override
          protected void addImplicitResolvers() {
            // none: "on", "007" and "" stay text, as KES's typed decoder reads them
          }
        };
    Yaml parser =
        new Yaml(
            new Constructor(options),
            new Representer(new DumperOptions()),
            new DumperOptions(),
            options,
            literalScalars);
    return map(parser.load(yaml));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException("expected a mapping, found " + value);
    }
    return (Map<String, Object>) value;
  }
}
