package io.kesjava.tink;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.KmsClients;
import io.kesjava.core.Kes;
import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.Optional;

/**
 * A Tink {@link KmsClient} whose keys are KES keys: {@link #getAead(String)} returns an {@link Aead}
 * that encrypts and decrypts with a named key of a {@link Kes} (an in-process {@code KesEngine} or
 * a {@code KesClient}), the associated data bound as KES's context. With it, Tink's envelope
 * encryption ({@code KmsEnvelopeAead}, {@code LegacyKmsEnvelopeAeadParameters}) and its keyset
 * encryption ({@code TinkProtoKeysetFormat.serializeEncryptedKeyset}) run on KES keys unchanged
 * ({@code docs/tink.md}).
 *
 * <p>Key URIs ({@link KesKeyUri}): a client made by {@link #create(Kes)} serves {@code
 * kes://<key-name>}; a client made by {@link #create(String, Kes)} serves {@code
 * kes://<server>/<key-name>} for its own server label only, so that several clients, one per
 * server, can be registered with {@link KmsClients} side by side.
 *
 * <pre>{@code
 * KesKmsClient.register(kes);                           // KmsClients.add(KesKmsClient.create(kes))
 * Aead kek = KmsClients.get("kes://my-key").getAead("kes://my-key");
 * Aead envelope = KmsEnvelopeAead.create(PredefinedAeadParameters.AES256_GCM, kek);
 * }</pre>
 *
 * <p>Errors: every failure of the {@link Kes} call becomes a {@link GeneralSecurityException}, as
 * Tink expects: a wrong associated data or a modified ciphertext ("not authentic"), a key the
 * caller's policy does not allow ("not authorized to use key"), a missing key, an unreachable
 * server. Messages name the key and the KES error, never plaintexts or key material.
 *
 * <p>Size: KES encrypts small plaintexts; a server reads request bodies of at most 1,000,000
 * bytes. Envelope encryption sends only the data key (32 bytes and Tink's key framing) to KES.
 *
 * <p>Credentials: the {@link Kes} brings its own (a client certificate or an API key), so {@link
 * #withCredentials(String)} accepts only {@code null} and {@link #withDefaultCredentials()} changes
 * nothing.
 *
 * <p>Thread-safety: immutable and safe for concurrent use, as the {@link Kes} it wraps.
 */
public final class KesKmsClient implements KmsClient {

  private final Kes kes;
  private final Optional<String> server;

  private KesKmsClient(Kes kes, Optional<String> server) {
    this.kes = kes;
    this.server = server;
  }

  /** A client for {@code kes://<key-name>}, with the keys of {@code kes}. */
  public static KesKmsClient create(Kes kes) {
    return new KesKmsClient(Objects.requireNonNull(kes, "kes"), Optional.empty());
  }

  /**
   * A client for {@code kes://<server>/<key-name>}, with the keys of {@code kes}.
   *
   * @param server the label key URIs name this {@code kes} by, such as its {@code host:port}
   * @throws IllegalArgumentException if the label is empty or holds a {@code /}, a {@code \}, a
   *     space or a character that is not printable ASCII
   */
  public static KesKmsClient create(String server, Kes kes) {
    Objects.requireNonNull(server, "server");
    KesKeyUri.requireLabel(server);
    return new KesKmsClient(Objects.requireNonNull(kes, "kes"), Optional.of(server));
  }

  /** Creates a client for {@code kes://<key-name>} and adds it to {@link KmsClients}. */
  public static KesKmsClient register(Kes kes) {
    KesKmsClient client = create(kes);
    KmsClients.add(client);
    return client;
  }

  /** Creates a client for {@code kes://<server>/<key-name>} and adds it to {@link KmsClients}. */
  public static KesKmsClient register(String server, Kes kes) {
    KesKmsClient client = create(server, kes);
    KmsClients.add(client);
    return client;
  }

  /** The key URI of {@code keyName} that this client serves. */
  public String keyUri(String keyName) {
    return new KesKeyUri(server, keyName).toString();
  }

  /**
   * Whether {@code keyUri} is a valid KES key URI of this client's form: without a server label
   * for a client from {@link #create(Kes)}, with exactly this client's label otherwise.
   */
  @Override
  public boolean doesSupport(String keyUri) {
    if (keyUri == null) {
      return false;
    }
    try {
      return KesKeyUri.parse(keyUri).server().equals(server);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Returns this client for {@code null}: the {@link Kes} brings its own credentials.
   *
   * @throws GeneralSecurityException for any other value
   */
  @Override
  public KmsClient withCredentials(String credentialPath) throws GeneralSecurityException {
    if (credentialPath == null) {
      return this;
    }
    throw new GeneralSecurityException(
        "kes: a KesKmsClient uses the credentials of the Kes it was created with; "
            + "build that KesClient with the certificate or API key instead");
  }

  /** Returns this client: the {@link Kes} brings its own credentials. */
  @Override
  public KmsClient withDefaultCredentials() {
    return this;
  }

  /**
   * Returns the {@link Aead} of the named KES key. Does not contact KES: a missing or forbidden
   * key shows at the first encryption or decryption.
   *
   * @throws GeneralSecurityException if this client does not serve {@code keyUri}
   */
  @Override
  public Aead getAead(String keyUri) throws GeneralSecurityException {
    KesKeyUri uri;
    try {
      uri = KesKeyUri.parse(Objects.requireNonNull(keyUri, "keyUri"));
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("kes: " + e.getMessage(), e);
    }
    if (!uri.server().equals(server)) {
      throw new GeneralSecurityException(
          "kes: this client serves "
              + server.map(s -> "kes://" + s + "/<key-name>").orElse("kes://<key-name>")
              + ", not '"
              + keyUri
              + "'");
    }
    return new KesAead(kes, uri.keyName());
  }

  @Override
  public String toString() {
    return "KesKmsClient[" + server.map(s -> "kes://" + s + "/").orElse("kes://") + ", " + kes + "]";
  }
}
