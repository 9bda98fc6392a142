package io.kesjava.keystore;

/** Providers for registry tests, loaded through a {@code META-INF/services} file made by a test. */
public final class TestProviders {

  private TestProviders() {}

  /** A provider named {@code twin}. */
  public static final class FirstTwin implements KeyStoreProvider {

    /** For {@link java.util.ServiceLoader}. */
    public FirstTwin() {}

    @Override
    public String name() {
      return "twin";
    }

    @Override
    public KeyStore create(KeyStoreConfig config) {
      return new MemoryKeyStore();
    }
  }

  /** A second provider named {@code twin}. */
  public static final class SecondTwin implements KeyStoreProvider {

    /** For {@link java.util.ServiceLoader}. */
    public SecondTwin() {}

    @Override
    public String name() {
      return "twin";
    }

    @Override
    public KeyStore create(KeyStoreConfig config) {
      return new MemoryKeyStore();
    }
  }

  /** A provider named {@code vault}, standing in for the real one. */
  public static final class FakeVault implements KeyStoreProvider {

    /** For {@link java.util.ServiceLoader}. */
    public FakeVault() {}

    @Override
    public String name() {
      return "vault";
    }

    @Override
    public KeyStore create(KeyStoreConfig config) {
      return new MemoryKeyStore();
    }
  }
}
