package io.kesjava.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.core.CacheConfig;
import io.kesjava.core.Names;
import io.kesjava.keystore.internal.GoDuration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

/**
 * Generated configs survive render-to-YAML-and-parse; env references resolve as {@code
 * docs/configuration.md#environment-variables-name} says.
 */
class ConfigProperties {

  /** What a generated config should parse to, and its YAML text. */
  record Generated(
      String address,
      String admin,
      String key,
      String cert,
      String password,
      String auth,
      Map<String, PolicyConfig> policies,
      Duration any,
      Duration unused,
      Duration offline,
      String errorLevel,
      int errorLevelValue,
      List<String> keys,
      String fsPath) {

    String yaml(boolean quoteAll) {
      StringBuilder y = new StringBuilder("version: v1\n");
      if (!address.isEmpty()) {
        y.append("address: ").append(q(address, quoteAll)).append('\n');
      }
      y.append("admin:\n  identity: ").append(q(admin, quoteAll)).append('\n');
      y.append("tls:\n  key: ").append(q(key, quoteAll)).append("\n  cert: ").append(q(cert, quoteAll)).append('\n');
      y.append("  password: ").append(dq(password)).append('\n');
      y.append("  auth: ").append(dq(auth)).append('\n');
      if (!policies.isEmpty()) {
        y.append("policy:\n");
        policies.forEach(
            (name, p) -> {
              y.append("  ").append(name).append(":\n");
              list(y, "allow", p.allow());
              list(y, "deny", p.deny());
              list(y, "identities", p.identities());
            });
      }
      y.append("cache:\n  expiry:\n");
      y.append("    any: ").append(dq(GoDuration.format(any))).append('\n');
      y.append("    unused: ").append(GoDuration.format(unused)).append('\n');
      y.append("    offline: ").append(GoDuration.format(offline)).append('\n');
      y.append("log:\n  error: ").append(q(errorLevel, quoteAll)).append('\n');
      if (!keys.isEmpty()) {
        y.append("keys:\n");
        keys.forEach(k -> y.append("  - name: ").append(q(k, quoteAll)).append('\n'));
      }
      y.append("keystore:\n  fs:\n    path: ").append(q(fsPath, quoteAll)).append('\n');
      return y.toString();
    }

    private static void list(StringBuilder y, String key, List<String> values) {
      y.append("    ").append(key).append(":");
      if (values.isEmpty()) {
        y.append(" []\n");
        return;
      }
      y.append('\n');
      values.forEach(v -> y.append("      - ").append(dq(v)).append('\n'));
    }

    private static String q(String s, boolean quote) {
      return quote ? dq(s) : s;
    }
  }

  /** A YAML double-quoted scalar. */
  static String dq(String s) {
    StringBuilder out = new StringBuilder("\"");
    s.codePoints()
        .forEach(
            c -> {
              if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
              } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0xfeff || c == 0x2028 || c == 0x2029
                  || (c >= 0xd800 && c <= 0xdfff)) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.append('"').toString();
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.strings().withChars("abcXYZ019_-").ofMinLength(1).ofMaxLength(12).filter(Names::isValidName);
  }

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.strings().all().ofMaxLength(30).filter(s -> Env.reference(s) == null && s.indexOf(0xfffe) < 0 && s.indexOf(0xffff) < 0);
  }

  @Provide
  Arbitrary<Duration> durations() {
    return Arbitraries.oneOf(
        Arbitraries.just(Duration.ZERO),
        Arbitraries.longs().between(1, 1_000_000_000_000_000L).map(Duration::ofNanos),
        Arbitraries.longs().between(1, 100_000).map(Duration::ofSeconds));
  }

  @Provide
  Arbitrary<Generated> configs() {
    Arbitrary<String> address =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Combinators.combine(Arbitraries.integers().between(0, 255).list().ofSize(4), Arbitraries.integers().between(0, 65535))
                .as((ip, port) -> ip.get(0) + "." + ip.get(1) + "." + ip.get(2) + "." + ip.get(3) + ":" + port),
            Arbitraries.integers().between(0, 65535).map(p -> ":" + p));
    Arbitrary<String> admin =
        Arbitraries.oneOf(Arbitraries.strings().withChars("0123456789abcdef").ofLength(64), Arbitraries.just("disabled"));
    // A plain scalar cannot start with "- " or be "-": such paths are written quoted in real files.
    Arbitrary<String> paths =
        Arbitraries.strings().withChars("abc/._-019").ofMinLength(1).ofMaxLength(20).filter(s -> !s.startsWith("-"));
    Arbitrary<String> auth = Arbitraries.of("", "on", "off", "ON", "Off");
    Arbitrary<Map<String, PolicyConfig>> policies =
        names().list().ofMaxSize(4).uniqueElements()
            .flatMap(
                policyNames ->
                    names().list().ofMaxSize(3).list().ofSize(policyNames.size())
                        .flatMap(
                            identityLists ->
                                anyText().list().ofMaxSize(3).list().ofSize(2 * policyNames.size())
                                    .map(patterns -> policies(policyNames, identityLists, patterns))));
    Arbitrary<Map.Entry<String, Integer>> levels =
        Arbitraries.of(
            Map.entry("on", 0), Map.entry("off", 9), Map.entry("DEBUG", -4), Map.entry("warn", 4),
            Map.entry("ERROR+2", 10), Map.entry("-7", -7), Map.entry("INFO+-1", -1));
    return Combinators.combine(
            Combinators.combine(address, admin, paths, paths, anyText(), auth).as(List::<Object>of),
            policies,
            Combinators.combine(durations(), durations(), durations()).as(List::of),
            levels,
            names().list().ofMaxSize(4).uniqueElements(),
            paths)
        .as(
            (head, pol, cache, level, keys, fs) ->
                new Generated(
                    (String) head.get(0),
                    (String) head.get(1),
                    (String) head.get(2),
                    (String) head.get(3),
                    (String) head.get(4),
                    (String) head.get(5),
                    pol,
                    cache.get(0),
                    cache.get(1),
                    cache.get(2),
                    level.getKey(),
                    level.getValue(),
                    keys,
                    fs))
        .filter(g -> g.policies().values().stream().noneMatch(p -> p.identities().contains(g.admin())));
  }

  private static Map<String, PolicyConfig> policies(List<String> names, List<List<String>> ids, List<List<String>> patterns) {
    Map<String, PolicyConfig> out = new LinkedHashMap<>();
    Set<String> taken = new LinkedHashSet<>();
    for (int i = 0; i < names.size(); i++) {
      List<String> mine = new ArrayList<>();
      for (String id : ids.get(i)) {
        if (taken.add(id)) {
          mine.add(id);
        }
      }
      out.put(names.get(i), new PolicyConfig(patterns.get(2 * i), patterns.get(2 * i + 1), mine));
    }
    return out;
  }

  @Property(tries = 300)
  void renderedConfig_parsesBackToTheSameValues(@ForAll("configs") Generated g, @ForAll boolean quoteAll) {
    String yaml = g.yaml(quoteAll);
    ServerConfig c = ConfigParser.builder().environment(k -> null).build().parse(yaml);
    assertThat(c.address()).isEqualTo(g.address());
    assertThat(c.admin().value()).isEqualTo(g.admin());
    assertThat(c.tls().privateKey()).isEqualTo(Path.of(g.key()));
    assertThat(c.tls().certificate()).isEqualTo(Path.of(g.cert()));
    assertThat(c.tls().password()).isEqualTo(Secret.of(g.password()));
    assertThat(c.tls().verifyClients()).isEqualTo(g.auth().equalsIgnoreCase("on"));
    assertThat(c.policies()).containsExactlyEntriesOf(g.policies());
    CacheConfig defaults = CacheConfig.defaults();
    assertThat(c.cache())
        .isEqualTo(
            new CacheConfig(
                g.any().isZero() ? defaults.any() : g.any(),
                g.unused().isZero() ? defaults.unused() : g.unused(),
                g.offline()));
    assertThat(c.log().errorLevel()).isEqualTo(g.errorLevelValue());
    assertThat(c.keys()).containsExactlyElementsOf(g.keys());
    assertThat(c.keyStore().backend()).isEqualTo("fs");
    assertThat(c.keyStore().config().string("path")).contains(g.fsPath());
    assertThat(c.warnings()).isEmpty();
    assertThat(c.toString()).doesNotContain(g.password().length() > 3 ? g.password() : "\u0000unlikely");
  }

  @Property(tries = 300)
  void envReference_resolvesToTheValueVerbatim(
      @ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 20) String name,
      @ForAll("anyText") String value,
      @ForAll("spaces") String inside,
      @ForAll("spaces") String outside) {
    String reference = outside + "${" + inside + name + inside + "}" + outside;
    String yaml = ConfigParserTest.BASE.replace("cert: ./server.cert", "cert: ./server.cert\n  proxy:\n    header:\n      cert: " + dq(reference));
    ServerConfig c = ConfigParser.builder().environment(Map.of(name, value)::get).build().parse(yaml);
    assertThat(c.tls().proxyCertHeader()).isEqualTo(value);
  }

  @Property(tries = 300)
  void textThatIsNoWholeReference_staysLiteral(@ForAll("anyText") String text) {
    String yaml = ConfigParserTest.BASE.replace("cert: ./server.cert", "cert: ./server.cert\n  proxy:\n    header:\n      cert: " + dq(text));
    ServerConfig c = ConfigParser.builder().environment(k -> "EXPANDED").build().parse(yaml);
    assertThat(c.tls().proxyCertHeader()).isEqualTo(text);
  }

  @Provide
  Arbitrary<String> spaces() {
    return Arbitraries.strings().withChars(" \t").ofMaxLength(3);
  }
}
