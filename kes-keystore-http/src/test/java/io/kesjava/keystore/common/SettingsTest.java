package io.kesjava.keystore.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.keystore.InvalidConfigException;
import io.kesjava.keystore.KeyStoreConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

  private final Settings section =
      Settings.of(
          KeyStoreConfig.of(
              "keystore.acme",
              Map.of(
                  "kms",
                  Map.of(
                      "endpoint", "https://kms.example",
                      "empty", "",
                      "credentials", Map.of("key", "s3cr3t")))));

  @Test
  void dottedNames_reachIntoSubSections_andNameTheFullPath() {
    Settings kms = section.section("kms", "no kms section");

    assertThat(kms.required("endpoint", "no endpoint")).isEqualTo("https://kms.example");
    assertThat(kms.requiredSecret("credentials.key", "no key")).isEqualTo("s3cr3t");
    assertThat(kms.string("tls.ca")).isEmpty();
    assertThat(kms.child("credentials").map(Settings::config).map(KeyStoreConfig::path))
        .contains("keystore.acme.kms.credentials");
    assertThat(kms.key("tls.ca")).isEqualTo("keystore.acme.kms.tls.ca");
    assertThat(kms.toString()).isEqualTo("Settings[keystore.acme.kms]").doesNotContain("s3cr3t");
  }

  @Test
  void aBackendsSection_isFound_orNamedWithTheProvidersPrefixWhenMissing() {
    KeyStoreConfig acme = section.config();

    assertThat(Settings.backend(acme, "kms", "invalid acme keystore: ").config().path())
        .isEqualTo("keystore.acme.kms");
    assertThatThrownBy(() -> Settings.backend(acme, "vault", "invalid acme keystore: "))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("keystore.acme.vault: invalid acme keystore: no vault section");
  }

  @Test
  void aMissingOrEmptySetting_isAnInvalidConfigException_thatNamesIt() {
    Settings kms = section.section("kms", "no kms section");

    assertThatThrownBy(() -> section.section("other", "invalid acme keystore: no other section"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("keystore.acme.other: invalid acme keystore: no other section");
    assertThatThrownBy(() -> kms.required("empty", "no empty"))
        .isInstanceOf(InvalidConfigException.class)
        .extracting(e -> ((InvalidConfigException) e).key())
        .isEqualTo("keystore.acme.kms.empty");
    assertThatThrownBy(() -> kms.requiredSecret("credentials.missing", "no missing"))
        .hasMessage("keystore.acme.kms.credentials.missing: no missing");
  }

  @Test
  void aValueTheBuilderRefuses_becomesAnInvalidConfigException_withThePrefix() {
    Settings kms = section.section("kms", "no kms section");

    assertThatThrownBy(
            () ->
                kms.apply(
                    "endpoint",
                    "invalid acme keystore: ",
                    () -> {
                      throw new IllegalArgumentException("not an https URL");
                    }))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("keystore.acme.kms.endpoint: invalid acme keystore: not an https URL");
    InvalidConfigException own = new InvalidConfigException("keystore.acme.kms.other", "bad");
    assertThatThrownBy(
            () ->
                kms.get(
                    "endpoint",
                    "",
                    () -> {
                      throw own;
                    }))
        .isSameAs(own);
    assertThat(kms.get("endpoint", "", () -> 42)).isEqualTo(42);
    assertThatThrownBy(
            () ->
                kms.apply(
                    "endpoint",
                    "",
                    () -> {
                      throw new IllegalStateException("not a config problem");
                    }))
        .isExactlyInstanceOf(IllegalStateException.class);
  }
}
