package io.kesjava.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyStoreRegistryTest {

  @TempDir Path temp;

  /** A class loader that sees this module's classes and a services file naming {@code classes}. */
  private ClassLoader withServices(Class<?>... classes) throws IOException {
    Path services = temp.resolve("cp/META-INF/services");
    Files.createDirectories(services);
    StringBuilder lines = new StringBuilder("# test providers\n");
    for (Class<?> c : classes) {
      lines.append(c.getName()).append('\n');
    }
    Files.writeString(services.resolve(KeyStoreProvider.class.getName()), lines);
    URL root = temp.resolve("cp").toUri().toURL();
    return new URLClassLoader(new URL[] {root}, getClass().getClassLoader());
  }

  @Test
  void load_findsTheBuiltInMemAndFsProviders() {
    KeyStoreRegistry registry = KeyStoreRegistry.load();

    assertThat(registry.names()).contains("mem", "fs");
    assertThat(registry.provider("mem")).isInstanceOf(MemoryKeyStoreProvider.class);
    assertThat(registry.provider("fs")).isInstanceOf(FileSystemKeyStoreProvider.class);
  }

  @Test
  void load_withAClassLoader_findsItsProviders() throws IOException {
    KeyStoreRegistry registry = KeyStoreRegistry.load(withServices(TestProviders.FakeVault.class));

    assertThat(registry.names()).containsExactly("fs", "mem", "vault");
    assertThat(registry.find("vault")).containsInstanceOf(TestProviders.FakeVault.class);
  }

  @Test
  void load_withTwoProvidersOfOneName_failsNamingBothClasses() throws IOException {
    ClassLoader loader =
        withServices(TestProviders.FirstTwin.class, TestProviders.SecondTwin.class);

    assertThatThrownBy(() -> KeyStoreRegistry.load(loader))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'twin'")
        .hasMessageContaining(TestProviders.FirstTwin.class.getName())
        .hasMessageContaining(TestProviders.SecondTwin.class.getName());
  }

  @Test
  void load_withAServicesFileNamingAMissingClass_failsClearly() throws IOException {
    Path services = temp.resolve("cp/META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve(KeyStoreProvider.class.getName()), "com.example.Missing\n");
    URL root = temp.resolve("cp").toUri().toURL();
    ClassLoader loader = new URLClassLoader(new URL[] {root}, getClass().getClassLoader());

    assertThatThrownBy(() -> KeyStoreRegistry.load(loader))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("com.example.Missing");
  }

  @Test
  void of_withTwoProvidersOfOneName_fails() {
    List<KeyStoreProvider> twins =
        List.of(new TestProviders.FirstTwin(), new TestProviders.SecondTwin());

    assertThatThrownBy(() -> KeyStoreRegistry.of(twins))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("two key-store providers are named 'twin'");
  }

  @Test
  void provider_ofAShippedBackendThatIsMissing_namesTheArtifactAndTheKnownNames() {
    KeyStoreRegistry registry = KeyStoreRegistry.of(List.of(new MemoryKeyStoreProvider()));

    assertThatThrownBy(() -> registry.provider("vault"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("io.kesjava:kes-keystore-vault")
        .hasMessageContaining("known names: mem")
        .extracting(e -> ((InvalidConfigException) e).key())
        .isEqualTo("keystore.vault");
  }

  @Test
  void provider_namesTheArtifactOfEveryShippedBackend() {
    KeyStoreRegistry registry = KeyStoreRegistry.of(List.of());
    Map<String, String> artifacts =
        Map.of(
            "vault", "io.kesjava:kes-keystore-vault",
            "aws", "io.kesjava:kes-keystore-aws",
            "gcp", "io.kesjava:kes-keystore-gcp",
            "azure", "io.kesjava:kes-keystore-azure",
            "fortanix", "io.kesjava:kes-keystore-fortanix",
            "gemalto", "io.kesjava:kes-keystore-gemalto",
            "entrust", "io.kesjava:kes-keystore-entrust",
            "postgres", "io.kesjava:kes-keystore-postgres");

    artifacts.forEach(
        (name, artifact) ->
            assertThatThrownBy(() -> registry.provider(name)).hasMessageContaining(artifact));
  }

  @Test
  void provider_ofAnUnknownName_listsTheKnownNames() {
    KeyStoreRegistry registry = KeyStoreRegistry.load();

    assertThatThrownBy(() -> registry.provider("nosuch"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("'nosuch'")
        .hasMessageContaining("fs")
        .hasMessageContaining("mem")
        .hasMessageNotContaining("artifact");
  }

  @Test
  void find_matchesExactNamesOnly() {
    KeyStoreRegistry registry = KeyStoreRegistry.load();

    assertThat(registry.find("fs")).isPresent();
    assertThat(registry.find("FS")).isEmpty();
    assertThat(registry.find("f")).isEmpty();
    assertThat(registry.find("fs ")).isEmpty();
    assertThat(registry.find("")).isEmpty();
  }

  @Test
  void create_buildsTheNamedStoreFromItsSection() {
    KeyStoreRegistry registry = KeyStoreRegistry.load();
    Path dir = temp.resolve("keys");

    try (KeyStore store =
        registry.create("fs", KeyStoreConfig.of("keystore.fs", Map.of("path", dir.toString())))) {
      assertThat(store.description()).isEqualTo("Filesystem: " + dir);
      assertThat(dir).isDirectory();
    }
  }

  @Test
  void names_isSortedAndUnmodifiable() {
    KeyStoreRegistry registry = KeyStoreRegistry.load();

    assertThat(List.copyOf(registry.names())).isSorted();
    assertThatThrownBy(() -> registry.names().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
