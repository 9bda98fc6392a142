package io.kesjava.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class DriverArgsTest {

  @Test
  void options_switchesAndDefaults() {
    DriverArgs a = new DriverArgs(new String[] {"--rounds", "6", "--handshake", "--label",
        "java17", "--seconds", "1.5", "--dir", "/tmp/x"}, "--handshake");
    assertThat(a.integer("--rounds", 2)).isEqualTo(6);
    assertThat(a.has("--handshake")).isTrue();
    assertThat(a.string("--label", "")).isEqualTo("java17");
    assertThat(a.decimal("--seconds", 4)).isEqualTo(1.5);
    assertThat(a.path("--dir")).isEqualTo(Path.of("/tmp/x"));
    assertThat(a.decimal("--warmup", 3)).isEqualTo(3);
    assertThat(a.string("--out", null)).isNull();
    assertThat(a.path("--counts")).isNull();
    assertThat(a.has("--full-handshakes")).isFalse();
    a.done();
  }

  @Test
  void lists_areCommaSeparatedAndTrimmed() {
    DriverArgs a = new DriverArgs(new String[] {"--connections", "1, 32", "--pids", "7,8"});
    assertThat(a.list("--connections", Integer::valueOf, List.of(1, 8, 32))).containsExactly(1, 32);
    assertThat(a.list("--pids", Long::valueOf, List.of())).containsExactly(7L, 8L);
    assertThat(a.list("--servers", Integer::valueOf, List.of(1))).containsExactly(1);
    a.done();
  }

  @Test
  void repeated_givesEveryValueInOrder() {
    DriverArgs a = new DriverArgs(new String[] {"--target", "a:1", "--rounds", "1", "--target",
        "b:2"});
    assertThat(a.repeated("--target", String::toUpperCase)).containsExactly("A:1", "B:2");
    assertThat(a.repeated("--other", String::valueOf)).isEmpty();
    assertThat(a.integer("--rounds", 0)).isEqualTo(1);
    a.done();
  }

  @Test
  void rest_isWhatFollowsTheDoubleDash() {
    DriverArgs a = new DriverArgs(new String[] {"--port", "7373", "--", "java", "--dir", "x"});
    assertThat(a.integer("--port", 0)).isEqualTo(7373);
    assertThat(a.rest()).containsExactly("java", "--dir", "x");
    a.done();
    assertThat(new DriverArgs(new String[] {"--port", "1"}).rest()).isEmpty();
  }

  @Test
  void done_rejectsTheFirstArgumentNotAskedFor() {
    DriverArgs a = new DriverArgs(new String[] {"--rounds", "1", "--nope", "x", "--later", "y"});
    assertThat(a.integer("--rounds", 0)).isEqualTo(1);
    assertThatThrownBy(a::done).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown argument --nope");

    DriverArgs positional = new DriverArgs(new String[] {"stray"});
    assertThatThrownBy(positional::done).hasMessage("unknown argument stray");

    DriverArgs unusedRest = new DriverArgs(new String[] {"--", "cmd"});
    assertThatThrownBy(unusedRest::done).hasMessage("unknown argument --");
  }

  @Test
  void anOptionWithoutItsValue_isAnError() {
    DriverArgs a = new DriverArgs(new String[] {"--rounds", "1", "--label"});
    assertThatThrownBy(() -> a.string("--label", ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("--label needs a value");
  }

  @Test
  void aBadNumber_isAnError() {
    DriverArgs a = new DriverArgs(new String[] {"--rounds", "many"});
    assertThatThrownBy(() -> a.integer("--rounds", 0)).isInstanceOf(NumberFormatException.class);
  }

  /** Options written in any order, some repeated: each reads back as its last value. */
  @Property
  void lastValueWins(@ForAll @Size(max = 12) List<@IntRange(max = 4) Integer> which,
      @ForAll @Size(12) List<@AlphaChars @StringLength(min = 1, max = 8) String> values) {
    List<String> args = new ArrayList<>();
    Map<String, String> last = new LinkedHashMap<>();
    for (int i = 0; i < which.size(); i++) {
      String name = "--o" + which.get(i);
      args.add(name);
      args.add(values.get(i));
      last.put(name, values.get(i));
    }
    DriverArgs a = new DriverArgs(args.toArray(new String[0]));
    for (int o = 0; o <= 4; o++) {
      String name = "--o" + o;
      assertThat(a.string(name, null)).isEqualTo(last.get(name));
    }
    a.done();
  }
}
