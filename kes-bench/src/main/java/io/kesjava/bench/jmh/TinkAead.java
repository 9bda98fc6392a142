package io.kesjava.bench.jmh;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmParameters;
import java.security.GeneralSecurityException;

/** Tink's AES256-GCM AEAD without an output prefix: a fixed key, a random 12-byte nonce. */
final class TinkAead {

  private TinkAead() {}

  static Aead aes256Gcm() throws GeneralSecurityException {
    AeadConfig.register();
    AesGcmParameters params = AesGcmParameters.builder()
        .setKeySizeBytes(32)
        .setIvSizeBytes(12)
        .setTagSizeBytes(16)
        .setVariant(AesGcmParameters.Variant.NO_PREFIX)
        .build();
    KeysetHandle handle = KeysetHandle.newBuilder()
        .addEntry(KeysetHandle.generateEntryFromParameters(params).withRandomId().makePrimary())
        .build();
    return handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
  }
}
