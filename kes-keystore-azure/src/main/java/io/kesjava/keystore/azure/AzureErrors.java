package io.kesjava.keystore.azure;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import io.kesjava.keystore.common.Redactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeoutException;

/**
 * Maps what the Azure SDK throws to the key-store SPI's exceptions ({@code
 * docs/keystores/azure.md}). "Exists", "not found" and the soft-delete states are decided by the
 * store itself; this class handles everything else: throttling that outlasted the retries, failed
 * authentication, transport failures (unreachable) and other HTTP errors.
 *
 * <p>Thread-safety: immutable.
 */
final class AzureErrors {

  private final Redactor redactor;

  AzureErrors(Redactor redactor) {
    this.redactor = redactor;
  }

  String describe(HttpResponseException e) {
    return AzureError.of(e).describe(redactor);
  }

  /** {@code what: <reason>} as the right exception; {@link KeyStoreException}s pass unchanged. */
  KeyStoreException map(String what, RuntimeException e) {
    if (e instanceof KeyStoreException k) {
      return k;
    }
    if (isTransportFailure(e)) {
      String service =
          fromIdentity(e)
              ? "the Azure token service (Microsoft Entra ID or managed identity) is"
              : "Azure Key Vault is";
      return new KeyStoreUnreachableException(
          what + ": " + service + " not reachable: " + redactor.redact(rootMessage(e)), e);
    }
    if (e instanceof HttpResponseException http && http.getResponse() != null) {
      AzureError error = AzureError.of(http);
      if (error.status() == 429) {
        return new KeyStoreException(
            what
                + ": Azure Key Vault throttled the request and retries did not help: "
                + error.describe(redactor));
      }
      return new KeyStoreException(what + ": " + error.describe(redactor));
    }
    if (e instanceof ClientAuthenticationException) {
      return new KeyStoreException(
          what + ": failed to authenticate to Azure: " + redactor.redact(e.getMessage()));
    }
    return new KeyStoreException(what + ": " + redactor.redact(String.valueOf(e.getMessage())));
  }

  private static boolean isTransportFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof UncheckedIOException
          || t instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** Whether the failure came from getting a token rather than from Key Vault. */
  private static boolean fromIdentity(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String type = t.getClass().getName();
      if (t instanceof ClientAuthenticationException
          || type.startsWith("com.microsoft.aad.msal4j.")
          || type.startsWith("com.azure.identity.")) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.toString();
  }
}
