package io.kesjava.keystore.vault;

/** The contract on K/V v2, no Transit, with a prefix. */
class VaultKvV2ContractTest extends VaultContractTestBase {
  VaultKvV2ContractTest() {
    super(KvVersion.V2, false, "", "tenant-1");
  }
}
