package io.kesjava.keystore.vault;

/** The contract on K/V v2 with Transit-wrapped values, in a nested namespace. */
class VaultKvV2TransitContractTest extends VaultContractTestBase {
  VaultKvV2TransitContractTest() {
    super(KvVersion.V2, true, "ns1/team-a", "");
  }
}
