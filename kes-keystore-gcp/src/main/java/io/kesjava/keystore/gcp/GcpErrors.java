package io.kesjava.keystore.gcp;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import io.kesjava.keystore.EntryExistsException;
import io.kesjava.keystore.EntryNotFoundException;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;

/**
 * Maps gRPC status codes from Secret Manager to the key-store SPI's exceptions ({@code
 * docs/keystores/gcp.md}): {@code ALREADY_EXISTS} is "exists", {@code NOT_FOUND} is "not found",
 * {@code UNAVAILABLE} and {@code DEADLINE_EXCEEDED} are "unreachable", {@code RESOURCE_EXHAUSTED}
 * (quota, that is throttling) that outlasted the retries is a plain failure that says so.
 *
 * <p>Thread-safety: stateless.
 */
final class GcpErrors {

  private GcpErrors() {}

  static StatusCode.Code code(ApiException e) {
    return e.getStatusCode() == null ? StatusCode.Code.UNKNOWN : e.getStatusCode().getCode();
  }

  static boolean isUnreachable(ApiException e) {
    StatusCode.Code code = code(e);
    return code == StatusCode.Code.UNAVAILABLE || code == StatusCode.Code.DEADLINE_EXCEEDED;
  }

  static KeyStoreException onCreate(String name, ApiException e) {
    if (code(e) == StatusCode.Code.ALREADY_EXISTS) {
      return new EntryExistsException("gcp: key '" + name + "' already exists");
    }
    return other("gcp: failed to create '" + name + "'", e);
  }

  static KeyStoreException onGet(String name, ApiException e) {
    if (code(e) == StatusCode.Code.NOT_FOUND) {
      return new EntryNotFoundException("gcp: key '" + name + "' does not exist");
    }
    return other("gcp: failed to read '" + name + "'", e);
  }

  static KeyStoreException onDelete(String name, ApiException e) {
    if (code(e) == StatusCode.Code.NOT_FOUND) {
      return new EntryNotFoundException("gcp: key '" + name + "' does not exist");
    }
    return other("gcp: failed to delete '" + name + "'", e);
  }

  static KeyStoreException onList(ApiException e) {
    return other("gcp: failed to list keys", e);
  }

  static KeyStoreException other(String what, ApiException e) {
    StatusCode.Code code = code(e);
    String detail = code + ": " + describe(e);
    if (isUnreachable(e)) {
      return new KeyStoreUnreachableException(
          what + ": GCP Secret Manager is not reachable: " + detail, e);
    }
    if (code == StatusCode.Code.RESOURCE_EXHAUSTED) {
      return new KeyStoreException(
          what + ": GCP Secret Manager throttled the request and retries did not help: " + detail,
          e);
    }
    return new KeyStoreException(what + ": " + detail, e);
  }

  /** The server's message, without the status prefix gRPC puts in front of it. */
  private static String describe(ApiException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    String prefix = "io.grpc.StatusRuntimeException: " + code(e) + ": ";
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }
}
