package io.kesjava.core;

import io.kesjava.crypto.KeyAlgorithm;
import io.kesjava.crypto.SecretBytes;
import io.kesjava.policy.Decision;

/**
 * The operations of {@link Kes} on an engine, for one caller: {@link KesEngine} itself and its
 * views ({@link KesEngine#as(Identity)}, {@link KesEngine#asUnchecked(Identity)}). A checked one
 * maps each operation to the path of its KES API route ({@code docs/http-api.md}) and asks the
 * engine's policy table, the same decision the server makes on the request's path, before it does
 * anything else.
 *
 * <p>Thread-safety: immutable; reads the engine's current policy table on each call.
 */
abstract class EngineOps implements Kes {

  final EngineCore core;
  final Identity caller;
  private final boolean checked;

  EngineOps(EngineCore core, Identity caller, boolean checked) {
    this.core = core;
    this.caller = caller;
    this.checked = checked;
  }

  /** @throws NotAllowedException unless the caller may call {@code path} */
  private void authorize(String route, String resource) {
    if (checked
        && core.policies.verify(caller.value(), route + resource) != Decision.ALLOW) {
      throw new NotAllowedException();
    }
  }

  @Override
  public void createKey(String name) {
    authorize("/v1/key/create/", name);
    core.createKey(caller, name);
  }

  @Override
  public void importKey(String name, KeyAlgorithm algorithm, byte[] key) {
    authorize("/v1/key/import/", name);
    core.importKey(caller, name, algorithm, key);
  }

  @Override
  public KeyInfo describeKey(String name) {
    authorize("/v1/key/describe/", name);
    return core.describeKey(name);
  }

  @Override
  public void deleteKey(String name) {
    authorize("/v1/key/delete/", name);
    core.deleteKey(name);
  }

  @Override
  public Listing listKeys(String pattern) {
    authorize("/v1/key/list/", pattern);
    return core.listKeys(pattern);
  }

  @Override
  public DataKey generateKey(String name, byte[] context) {
    authorize("/v1/key/generate/", name);
    return core.generateKey(name, context);
  }

  @Override
  public byte[] encrypt(String name, byte[] plaintext, byte[] context) {
    authorize("/v1/key/encrypt/", name);
    return core.encrypt(name, plaintext, context);
  }

  @Override
  public SecretBytes decrypt(String name, byte[] ciphertext, byte[] context) {
    authorize("/v1/key/decrypt/", name);
    return core.decrypt(name, ciphertext, context);
  }

  @Override
  public byte[] hmac(String name, byte[] message) {
    authorize("/v1/key/hmac/", name);
    return core.hmac(name, message);
  }

  @Override
  public StatusInfo status() {
    authorize("/v1/status", "");
    return core.status();
  }

  @Override
  public PolicyInfo describePolicy(String name) {
    authorize("/v1/policy/describe/", name);
    return core.describePolicy(name);
  }

  @Override
  public PolicyRules readPolicy(String name) {
    authorize("/v1/policy/read/", name);
    return core.readPolicy(name);
  }

  @Override
  public Listing listPolicies(String pattern) {
    authorize("/v1/policy/list/", pattern);
    return core.listPolicies(pattern);
  }

  @Override
  public IdentityInfo describeIdentity(Identity identity) {
    authorize("/v1/identity/describe/", identity.value());
    return core.describeIdentity(identity);
  }

  /** Every identity may describe itself, as on the server (an identify-only route). */
  @Override
  public SelfInfo describeSelf() {
    return core.describeSelf(caller);
  }

  @Override
  public Listing listIdentities(String pattern) {
    authorize("/v1/identity/list/", pattern);
    return core.listIdentities(pattern);
  }

  /** A view: shares the engine, and closing it does nothing (the engine owns the key store). */
  static final class View extends EngineOps {

    View(EngineCore core, Identity caller, boolean checked) {
      super(core, caller, checked);
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
      return "KesEngine.View[identity=" + caller + "]";
    }
  }
}
