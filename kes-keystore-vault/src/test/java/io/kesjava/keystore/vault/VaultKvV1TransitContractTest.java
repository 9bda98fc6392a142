package io.kesjava.keystore.vault;

/** The contract on K/V v1 with Transit-wrapped values, in a namespace, under a nested prefix. */
class VaultKvV1TransitContractTest extends VaultContractTestBase {
  VaultKvV1TransitContractTest() {
    super(KvVersion.V1, true, "ns1", "kes/tenant-1");
  }
}
