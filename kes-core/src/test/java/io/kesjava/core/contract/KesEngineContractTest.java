package io.kesjava.core.contract;

import io.kesjava.core.Identity;
import io.kesjava.core.Kes;
import io.kesjava.core.KesEngine;
import io.kesjava.keystore.MemoryKeyStore;
import org.junit.jupiter.api.AfterAll;

/** The {@link Kes} contract, in-process: {@link KesEngine} over an in-memory key store. */
class KesEngineContractTest extends KesContractTest {

  private static final Identity ADMIN = new Identity("a".repeat(64));
  private static final Identity USER = new Identity("b".repeat(64));
  private static final Identity STRANGER = new Identity("c".repeat(64));

  private static final KesEngine ENGINE = KesEngine.builder()
      .keyStore(new MemoryKeyStore())
      .policies(ContractPolicies.table(ADMIN, USER))
      .build();

  @AfterAll
  static void closeEngine() {
    ENGINE.close();
  }

  @Override
  protected Kes kes() {
    return ENGINE;
  }

  @Override
  protected Kes user() {
    return ENGINE.as(USER);
  }

  @Override
  protected Kes stranger() {
    return ENGINE.as(STRANGER);
  }

  @Override
  protected Identity adminIdentity() {
    return ADMIN;
  }

  @Override
  protected Identity userIdentity() {
    return USER;
  }

  @Override
  protected Identity strangerIdentity() {
    return STRANGER;
  }
}
