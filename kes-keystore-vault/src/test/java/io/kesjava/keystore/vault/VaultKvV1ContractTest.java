package io.kesjava.keystore.vault;

/** The contract on K/V v1, no Transit, no namespace, no prefix. */
class VaultKvV1ContractTest extends VaultContractTestBase {
  VaultKvV1ContractTest() {
    super(KvVersion.V1, false, "", "");
  }
}
