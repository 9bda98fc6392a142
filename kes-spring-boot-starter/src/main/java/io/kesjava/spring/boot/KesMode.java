package io.kesjava.spring.boot;

/** Where the {@code Kes} bean's keys live. */
public enum KesMode {
  /** On a KES server: the bean is a {@code KesClient} ({@code kes.client.*}). */
  CLIENT,
  /** In this application: the bean is a {@code KesEngine} ({@code kes.embedded.*}). */
  EMBEDDED;

  /**
   * The mode {@code properties} configure: {@code kes.mode} when set, else the one whose section is
   * set.
   *
   * @throws KesConfigurationException if both sections are set, neither is, or {@code kes.mode}
   *     names one while the other is set
   */
  static KesMode resolve(KesProperties properties) {
    boolean client = properties.getClient().isConfigured();
    boolean embedded = properties.getEmbedded().isConfigured();
    KesMode mode = properties.getMode();
    if (mode == CLIENT && embedded) {
      throw new KesConfigurationException(
          "kes.mode is client, but kes.embedded.* is set too",
          "Remove the kes.embedded.* properties, or set kes.mode=embedded and remove kes.client.*.");
    }
    if (mode == EMBEDDED && client) {
      throw new KesConfigurationException(
          "kes.mode is embedded, but kes.client.* is set too",
          "Remove the kes.client.* properties, or set kes.mode=client and remove kes.embedded.*.");
    }
    if (mode != null) {
      return mode;
    }
    if (client && embedded) {
      throw new KesConfigurationException(
          "both kes.client.* and kes.embedded.* are set: a KES server and an embedded engine",
          "Keep one of them: kes.client.endpoints and a credential for a KES server, or "
              + "kes.embedded.key-store.provider for an engine in this application.");
    }
    if (client) {
      return CLIENT;
    }
    if (embedded) {
      return EMBEDDED;
    }
    throw new KesConfigurationException(
        "no KES is configured: neither kes.client.* nor kes.embedded.* is set",
        "Set kes.client.endpoints and kes.client.api-key-file (or cert-file and key-file) for a "
            + "KES server, or kes.embedded.key-store.provider (fs, mem, vault, ...) for an engine "
            + "in this application; or kes.enabled=false for no Kes bean.");
  }
}
