package io.kesjava.core.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A key manager with exactly one key and chain. It offers them for every key type that fits the
 * key's algorithm, whatever issuers the peer asks for: KES identifies clients by their public key,
 * not by who issued their certificate.
 */
final class SingleKeyManager extends X509ExtendedKeyManager {

  private static final String ALIAS = "kes";

  private final CertifiedKey credential;
  private final String algorithm;

  SingleKeyManager(CertifiedKey credential) {
    this.credential = credential;
    String a = credential.privateKey().getAlgorithm();
    this.algorithm = a.equals("Ed25519") ? "EdDSA" : a;
  }

  private String aliasFor(String keyType) {
    if (keyType == null) {
      return null;
    }
    String wanted = keyType.equals("Ed25519") ? "EdDSA" : keyType;
    // TLS 1.2 may ask for "EC_EC" / "EC_RSA": the part before '_' is the key's algorithm.
    int underscore = wanted.indexOf('_');
    if (underscore > 0) {
      wanted = wanted.substring(0, underscore);
    }
    return wanted.equalsIgnoreCase(algorithm) ? ALIAS : null;
  }

  private String aliasFor(String[] keyTypes) {
    if (keyTypes != null) {
      for (String keyType : keyTypes) {
        if (aliasFor(keyType) != null) {
          return ALIAS;
        }
      }
    }
    return null;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return aliasFor(keyType) == null ? null : new String[] {ALIAS};
  }

  @Override
  public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
    return aliasFor(keyTypes);
  }

  @Override
  public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
    return aliasFor(keyTypes);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return aliasFor(keyType) == null ? null : new String[] {ALIAS};
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return aliasFor(keyType);
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return aliasFor(keyType);
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return ALIAS.equals(alias) ? credential.chain().toArray(new X509Certificate[0]) : null;
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return ALIAS.equals(alias) ? credential.privateKey() : null;
  }

  @Override
  public String toString() {
    return "SingleKeyManager[" + credential + "]";
  }
}
