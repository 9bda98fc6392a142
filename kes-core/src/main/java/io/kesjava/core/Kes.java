package io.kesjava.core;

import io.kesjava.crypto.KeyAlgorithm;
import io.kesjava.crypto.SecretBytes;

/**
 * A key encryption service: named master keys that never leave it, data keys, encryption,
 * decryption and HMACs under those keys, and the policies and identities that govern who may do
 * what. {@link KesEngine} implements it in-process; {@code KesClient} implements it over the wire
 * against any KES-compatible server. For the same inputs, policies and keys both return the same
 * results and throw exceptions of the same class, status and message; kes-core's contract suite
 * ({@code KesContractTest}) runs every one of its tests, authorization included, on both. Only the
 * client can also fail without an answer: a {@code KesTransportException}, status {@link
 * KesException#NO_RESPONSE}.
 *
 * <p>Names of keys, policies and identities follow {@link Names#isValidName(String)}; listing
 * patterns follow {@link Names#isValidPattern(String)} ({@code docs/formats.md#listing-and-names}).
 *
 * <p>Thread-safety: implementations are safe for concurrent use.
 *
 * <p>Nullness: no argument is {@code null}; an absent context is an empty array.
 *
 * <p>Authorization: an implementation acts for one identity. {@link KesEngine#as(Identity)} and a
 * client of a server check each call against the policies: a call the identity's policy does not
 * allow throws {@link NotAllowedException}. The engine as built is the embedding application's own
 * handle: it acts for its identity (the admin unless its builder says otherwise) and checks no
 * policy.
 *
 * <p>Errors: every failure is a {@link KesException} (a {@code null} argument, which breaks the
 * rule above, is a {@link NullPointerException}). An answer's {@link KesException#status()} and
 * message are exactly those of KES ({@code docs/http-api.md#errors}); a failure without answer has
 * status {@link KesException#NO_RESPONSE}.
 *
 * <p>Security: no method returns a master key, nor the key store that holds them.
 *
 * <p>Closing: {@link #close()} releases what the implementation holds (the engine its key store,
 * the client its connections); closing a view of an engine does nothing. Calls after closing may
 * fail.
 */
public interface Kes extends AutoCloseable {

  /**
   * Creates a key with a fresh random secret key and a fresh HMAC key.
   *
   * @throws KeyExistsException if a key with that name exists
   * @throws InvalidArgumentException if the name is invalid
   */
  void createKey(String name);

  /**
   * Imports a 32-byte secret key; a fresh HMAC key is generated for it.
   *
   * @throws KeyExistsException if a key with that name exists
   * @throws InvalidArgumentException if the name is invalid
   * @throws KesException with status 406 if the key is not 32 bytes
   */
  void importKey(String name, KeyAlgorithm algorithm, byte[] key);

  /**
   * Returns a key's metadata.
   *
   * @throws KeyNotFoundException if there is no such key
   */
  KeyInfo describeKey(String name);

  /**
   * Deletes a key. Everything encrypted under it becomes unreadable.
   *
   * @throws KeyNotFoundException if the key store reports that there is no such key
   */
  void deleteKey(String name);

  /**
   * Lists key names matching {@code pattern}: empty or {@code *} for all, else a prefix with an
   * optional trailing {@code *}. The listing is complete: its {@link Listing#continueAt()} is empty.
   */
  Listing listKeys(String pattern);

  /**
   * Generates a 32-byte data encryption key and returns it with its ciphertext under the named key,
   * {@code context} bound as associated data ({@code docs/formats.md#data-encryption-keys}).
   *
   * @throws KeyNotFoundException if there is no such key
   */
  DataKey generateKey(String name, byte[] context);

  /**
   * Encrypts a small plaintext under the named key, {@code context} bound as associated data.
   *
   * @throws KeyNotFoundException if there is no such key
   */
  byte[] encrypt(String name, byte[] plaintext, byte[] context);

  /**
   * Decrypts a ciphertext in the current or a legacy format ({@code docs/formats.md#ciphertexts}).
   *
   * @throws NotAuthenticException if the ciphertext or the context was modified, or the key is wrong
   * @throws KeyNotFoundException if there is no such key
   */
  SecretBytes decrypt(String name, byte[] ciphertext, byte[] context);

  /**
   * Computes HMAC-SHA256 of {@code message} with the named key's HMAC key.
   *
   * @throws KesException with status 409 if the key is a legacy key without an HMAC key
   * @throws KeyNotFoundException if there is no such key
   */
  byte[] hmac(String name, byte[] message);

  /** Returns the server's (or engine's) status, including the key store's reachability. */
  StatusInfo status();

  /**
   * Returns a policy's metadata.
   *
   * @throws PolicyNotFoundException if there is no such policy
   */
  PolicyInfo describePolicy(String name);

  /**
   * Returns a policy's allow and deny patterns.
   *
   * @throws PolicyNotFoundException if there is no such policy
   */
  PolicyRules readPolicy(String name);

  /** Lists policy names matching {@code pattern}. */
  Listing listPolicies(String pattern);

  /**
   * Returns what is known of an identity: whether it is the admin, or which policy it has.
   *
   * @throws IdentityNotFoundException if it is neither the admin nor assigned to a policy
   */
  IdentityInfo describeIdentity(Identity identity);

  /** Returns the caller's own identity, with its policy's patterns if it has one. */
  SelfInfo describeSelf();

  /** Lists the admin and every identity assigned to a policy, matching {@code pattern}. */
  Listing listIdentities(String pattern);

  /** Releases what this implementation holds; throws no checked exception. */
  @Override
  void close();
}
