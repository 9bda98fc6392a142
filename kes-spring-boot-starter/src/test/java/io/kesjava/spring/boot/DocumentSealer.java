package io.kesjava.spring.boot;

// docs:begin
import static java.nio.charset.StandardCharsets.UTF_8;

import io.kesjava.core.Kes;
import io.kesjava.crypto.SecretBytes;
import org.springframework.stereotype.Service;

@Service
public class DocumentSealer {

  private final Kes kes; // the auto-configured KesClient or KesEngine

  public DocumentSealer(Kes kes) {
    this.kes = kes;
  }

  /** Encrypts a small document under the key "documents", bound to its tenant. */
  public byte[] seal(String tenant, byte[] document) {
    return kes.encrypt("documents", document, tenant.getBytes(UTF_8));
  }

  /** Decrypts it; fails with NotAuthenticException for another tenant. */
  public byte[] open(String tenant, byte[] sealed) {
    try (SecretBytes document = kes.decrypt("documents", sealed, tenant.getBytes(UTF_8))) {
      return document.bytes();
    }
  }
}
// docs:end
