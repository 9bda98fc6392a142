package io.kesjava.keystore.aws;

import io.kesjava.keystore.EntryExistsException;
import io.kesjava.keystore.EntryNotFoundException;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import io.kesjava.keystore.common.Redactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Maps what the AWS SDK throws to the key-store SPI's exceptions ({@code docs/keystores/aws.md}).
 *
 * <p>Security: service exceptions are never chained as causes, because their messages may echo a
 * signed request (and with it a session token); their code, status and redacted message are copied
 * into the new exception instead.
 *
 * <p>Thread-safety: immutable.
 */
final class AwsErrors {

  /** Secrets Manager's code for "a secret with this name exists". */
  static final String EXISTS = "ResourceExistsException";
  /** Secrets Manager's code for "no such secret". */
  static final String NOT_FOUND = "ResourceNotFoundException";
  /** Secrets Manager's code for "KMS could not decrypt the secret". */
  static final String DECRYPTION_FAILURE = "DecryptionFailure";
  /** Secrets Manager's code for a request the secret's state does not allow. */
  static final String INVALID_REQUEST = "InvalidRequestException";

  private final Redactor redactor;

  AwsErrors(Redactor redactor) {
    this.redactor = redactor;
  }

  /** Whether {@code e} says the name still belongs to a secret that is being deleted. */
  static boolean isScheduledForDeletion(Throwable e) {
    return e instanceof AwsServiceException s
        && INVALID_REQUEST.equals(code(s))
        && s.awsErrorDetails().errorMessage() != null
        && s.awsErrorDetails().errorMessage().contains("scheduled for deletion");
  }

  /** Whether {@code e} says the secret was deleted and waits for the end of its recovery window. */
  static boolean isMarkedForDeletion(AwsServiceException e) {
    String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
    // AWS words it "marked for deletion"; moto, the AWS emulator, "marked deleted".
    return INVALID_REQUEST.equals(code(e))
        && message != null
        && (message.contains("marked for deletion") || message.contains("marked deleted"));
  }

  KeyStoreException onCreate(String name, SdkException e) {
    if (e instanceof AwsServiceException s) {
      if (EXISTS.equals(code(s))) {
        return new EntryExistsException("aws: key '" + name + "' already exists");
      }
      if (isScheduledForDeletion(s)) {
        return new KeyStoreException(
            "aws: failed to create '"
                + name
                + "': a secret with this name is scheduled for deletion; restore it in AWS Secrets"
                + " Manager, or wait until AWS has deleted it");
      }
    }
    return other("aws: failed to create '" + name + "'", e);
  }

  KeyStoreException onGet(String name, SdkException e) {
    if (e instanceof AwsServiceException s) {
      if (NOT_FOUND.equals(code(s))) {
        return new EntryNotFoundException("aws: key '" + name + "' does not exist");
      }
      if (isMarkedForDeletion(s)) {
        return new EntryNotFoundException(
            "aws: key '" + name + "' does not exist: the secret is marked for deletion");
      }
      if (DECRYPTION_FAILURE.equals(code(s))) {
        return other("aws: cannot access '" + name + "'", e);
      }
    }
    return other("aws: failed to read '" + name + "'", e);
  }

  KeyStoreException onDelete(String name, SdkException e) {
    if (e instanceof AwsServiceException s && NOT_FOUND.equals(code(s))) {
      return new EntryNotFoundException("aws: key '" + name + "' does not exist");
    }
    return other("aws: failed to delete '" + name + "'", e);
  }

  KeyStoreException onList(SdkException e) {
    return other("aws: failed to list keys", e);
  }

  private KeyStoreException other(String what, SdkException e) {
    if (e instanceof AwsServiceException s) {
      StringBuilder message = new StringBuilder(what).append(": ");
      if (s.isThrottlingException()) {
        message.append("AWS Secrets Manager throttled the request and retries did not help: ");
      }
      message.append(code(s)).append(" (HTTP ").append(s.statusCode()).append(')');
      String detail = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorMessage();
      if (detail != null && !detail.isEmpty()) {
        message.append(": ").append(redactor.redact(detail));
      }
      if (s.requestId() != null) {
        message.append(" [request id ").append(s.requestId()).append(']');
      }
      return new KeyStoreException(message.toString());
    }
    if (isTransportFailure(e)) {
      return new KeyStoreUnreachableException(
          what + ": AWS Secrets Manager is not reachable: " + redactor.redact(e.getMessage()), e);
    }
    return new KeyStoreException(what + ": " + redactor.redact(e.getMessage()), e);
  }

  private static boolean isTransportFailure(SdkException e) {
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return true;
    }
    if (!(e instanceof SdkClientException)) {
      return false;
    }
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException || cause instanceof UncheckedIOException) {
        return true;
      }
    }
    return false;
  }

  private static String code(AwsServiceException e) {
    return e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
  }
}
