package io.kesjava.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.cli.Migration.Failure;
import io.kesjava.cli.Migration.Mode;
import io.kesjava.keystore.EntryNotFoundException;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.MemoryKeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The copy loop of {@code kes migrate}, on in-memory stores and stores that fail on purpose. */
class MigrationTest {

  private static final Glob ALL = Glob.compile("*");

  private static byte[] value(String name) {
    // Any bytes: the copy must not parse them.
    return ("stored value of " + name + " \u0000\u00ff").getBytes(UTF_8);
  }

  private static MemoryKeyStore store(String... names) {
    MemoryKeyStore s = new MemoryKeyStore();
    for (String n : names) {
      s.create(n, value(n));
    }
    return s;
  }

  private static List<String> names(KeyStore s) {
    return s.list("", "", 0).names();
  }

  @Test
  void copiesEveryPage_valuesVerbatim() {
    List<String> all = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      all.add(String.format("key-%02d", i));
    }
    FlakyKeyStore source = new FlakyKeyStore(store(all.toArray(String[]::new)), Set.of(),
        Set.of(), Set.of());
    MemoryKeyStore target = new MemoryKeyStore();
    long n = new Migration(source, target, ALL, Mode.ABORT, 10).run(() -> false);
    assertThat(n).isEqualTo(25);
    assertThat(source.listCalls).containsExactly("|", "|key-10", "|key-20");
    assertThat(names(target)).isEqualTo(all);
    for (String name : all) {
      assertThat(target.get(name)).isEqualTo(value(name));
    }
  }

  @Test
  void pattern_selectsKeys_listingOnlyItsLiteralPrefix() {
    MemoryKeyStore target = new MemoryKeyStore();
    FlakyKeyStore source = new FlakyKeyStore(store("app-1", "app-2", "db-1", "app-10"),
        Set.of(), Set.of(), Set.of());
    long n = new Migration(source, target, Glob.compile("app-?"), Mode.ABORT, 1000)
        .run(() -> false);
    assertThat(n).isEqualTo(2);
    assertThat(names(target)).containsExactly("app-1", "app-2");
    assertThat(source.listCalls).containsExactly("app-|");
  }

  @Test
  void existingKey_abortsWithTheStoresError_afterTheKeysBefore() {
    MemoryKeyStore target = store("b");
    target.delete("b");
    target.create("b", "target's own".getBytes(UTF_8));
    Migration m = new Migration(store("a", "b", "c"), target, ALL, Mode.ABORT, 1000);
    assertThatThrownBy(() -> m.run(() -> false)).isInstanceOfSatisfying(Failure.class, f -> {
      assertThat(f).hasMessage("failed to migrate key 'b': mem: key 'b' already exists");
      assertThat(f.migrated()).isEqualTo(1);
    });
    assertThat(names(target)).containsExactly("a", "b");
    assertThat(target.get("b")).isEqualTo("target's own".getBytes(UTF_8));
  }

  @Test
  void merge_keepsExistingKeys_andDoesNotCountThem() {
    MemoryKeyStore target = new MemoryKeyStore();
    target.create("b", "target's own".getBytes(UTF_8));
    long n = new Migration(store("a", "b", "c"), target, ALL, Mode.MERGE, 1000).run(() -> false);
    assertThat(n).isEqualTo(2);
    assertThat(target.get("b")).isEqualTo("target's own".getBytes(UTF_8));
    assertThat(target.get("c")).isEqualTo(value("c"));
  }

  @Test
  void force_replacesExistingKeys_andCountsThem() {
    MemoryKeyStore target = new MemoryKeyStore();
    target.create("b", "target's own".getBytes(UTF_8));
    long n = new Migration(store("a", "b", "c"), target, ALL, Mode.FORCE, 1000).run(() -> false);
    assertThat(n).isEqualTo(3);
    assertThat(target.get("b")).isEqualTo(value("b"));
  }

  @Test
  void aTargetFailingOnTheThirdCreate_keepsTheFirstTwoComplete_andSaysSo() {
    MemoryKeyStore inner = new MemoryKeyStore();
    FlakyKeyStore target = FlakyKeyStore.failingCreates(inner, 3);
    Migration m = new Migration(store("a", "b", "c", "d"), target, ALL, Mode.ABORT, 1000);
    assertThatThrownBy(() -> m.run(() -> false)).isInstanceOfSatisfying(Failure.class, f -> {
      assertThat(f).hasMessage(
          "failed to migrate key 'c': flaky: create number 3 (key 'c') failed");
      assertThat(f.migrated()).isEqualTo(2);
    });
    assertThat(names(inner)).containsExactly("a", "b");
    assertThat(inner.get("a")).isEqualTo(value("a"));
    assertThat(inner.get("b")).isEqualTo(value("b"));
  }

  @Test
  void aSourceFailingOnAGet_stopsThere() {
    FlakyKeyStore source = new FlakyKeyStore(store("a", "b", "c"), Set.of(), Set.of(2), Set.of());
    MemoryKeyStore target = new MemoryKeyStore();
    Migration m = new Migration(source, target, ALL, Mode.ABORT, 1000);
    assertThatThrownBy(() -> m.run(() -> false)).isInstanceOfSatisfying(Failure.class, f -> {
      assertThat(f).hasMessage("failed to migrate key 'b': flaky: get number 2 (key 'b') failed");
      assertThat(f.migrated()).isEqualTo(1);
    });
    assertThat(names(target)).containsExactly("a");
  }

  @Test
  void force_whenTheCreateAfterTheDeleteFails_restoresTheTargetsValue() {
    MemoryKeyStore inner = new MemoryKeyStore();
    inner.create("b", "target's own".getBytes(UTF_8));
    // create 1: a; create 2: b (exists); create 3: b after the delete fails; 4: the restore.
    FlakyKeyStore target = FlakyKeyStore.failingCreates(inner, 3);
    Migration m = new Migration(store("a", "b", "c"), target, ALL, Mode.FORCE, 1000);
    assertThatThrownBy(() -> m.run(() -> false)).isInstanceOfSatisfying(Failure.class, f -> {
      assertThat(f).hasMessage("failed to migrate key 'b': flaky: create number 3 (key 'b')"
          + " failed; the target's previous value of key 'b' was restored");
      assertThat(f.migrated()).isEqualTo(1);
    });
    assertThat(names(inner)).containsExactly("a", "b");
    assertThat(inner.get("b")).isEqualTo("target's own".getBytes(UTF_8));
  }

  @Test
  void force_whenTheRestoreFailsToo_namesTheMissingKey() {
    MemoryKeyStore inner = new MemoryKeyStore();
    inner.create("b", "target's own".getBytes(UTF_8));
    FlakyKeyStore target = FlakyKeyStore.failingCreates(inner, 3, 4);
    Migration m = new Migration(store("a", "b", "c"), target, ALL, Mode.FORCE, 1000);
    assertThatThrownBy(() -> m.run(() -> false)).isInstanceOfSatisfying(Failure.class, f -> {
      assertThat(f.getMessage()).startsWith("failed to migrate key 'b': flaky: create number 3")
          .contains("creating its previous value again failed too (flaky: create number 4")
          .endsWith("key 'b' is now missing in the target");
      assertThat(f.migrated()).isEqualTo(1);
    });
    assertThat(names(inner)).containsExactly("a");
    assertThatThrownBy(() -> inner.get("b")).isInstanceOf(EntryNotFoundException.class);
  }

  @Test
  void force_whenTheDeleteFails_changesNothing() {
    MemoryKeyStore inner = new MemoryKeyStore();
    inner.create("a", "target's own".getBytes(UTF_8));
    FlakyKeyStore target = new FlakyKeyStore(inner, Set.of(), Set.of(), Set.of(1));
    Migration m = new Migration(store("a"), target, ALL, Mode.FORCE, 1000);
    assertThatThrownBy(() -> m.run(() -> false)).isInstanceOfSatisfying(Failure.class, f -> {
      assertThat(f).hasMessage("failed to migrate key 'a': flaky: delete number 1 (key 'a')"
          + " failed");
      assertThat(f.migrated()).isZero();
    });
    assertThat(inner.get("a")).isEqualTo("target's own".getBytes(UTF_8));
  }

  @Test
  void stop_endsBetweenKeys() {
    MemoryKeyStore target = new MemoryKeyStore();
    AtomicInteger asked = new AtomicInteger();
    Migration m = new Migration(store("a", "b", "c"), target, ALL, Mode.ABORT, 1000);
    assertThatThrownBy(() -> m.run(() -> asked.incrementAndGet() > 2))
        .isInstanceOfSatisfying(Failure.class, f -> {
          assertThat(f).hasMessage("migration interrupted");
          assertThat(f.migrated()).isEqualTo(2);
        });
    assertThat(names(target)).containsExactly("a", "b");
  }

  @Test
  void emptySource_migratesNothing() {
    assertThat(new Migration(new MemoryKeyStore(), new MemoryKeyStore(), ALL, Mode.ABORT, 1000)
        .run(() -> false)).isZero();
  }
}
